import { AnalysisError } from '@sluice/shared'
import type { DeltaWriteOptions } from '@sluice/storage'

/** The session settings a Delta batch write reads (SessionConfig is one). */
export interface DeltaSessionConf {
  get(key: string): string | undefined
  unset(key: string): void
}

const USER_METADATA = 'spark.databricks.delta.commitInfo.userMetadata'
const TXN_APP_ID = 'spark.databricks.delta.write.txnAppId'
const TXN_VERSION = 'spark.databricks.delta.write.txnVersion'
const TXN_AUTO_RESET = 'spark.databricks.delta.write.txnVersion.autoReset.enabled'

/** What the session adds to a write's own options, and what to do once the write is done. */
export interface DeltaSessionWrite {
  readonly options: Pick<DeltaWriteOptions, 'userMetadata' | 'txn'>
  /** Delta's write.txnVersion.autoReset.enabled: unsets the txnVersion conf a write used (committed or skipped). */
  readonly afterWrite: () => void
}

function confTxnVersion(text: string): number {
  if (/^\s*\d+\s*$/.test(text)) return Number(text)
  // Spark's ConfigHelpers.toNumber for a longConf (Delta's write.txnVersion).
  throw new AnalysisError('INVALID_CONF_VALUE.TYPE_MISMATCH', `${TXN_VERSION} should be long, but was ${text}`, { confName: TXN_VERSION, confValue: text, confType: 'long' })
}

/**
 * Delta's session confs for a batch write: commitInfo.userMetadata, and
 * (DeltaCommand.getTxnVersionAndAppId) write.txnAppId + write.txnVersion for an
 * idempotent write when the writer options give no txnAppId / txnVersion — the
 * options win; the two confs go together or fail with
 * DELTA_INVALID_IDEMPOTENT_WRITES_OPTIONS. The writer's own userMetadata option
 * also wins over the conf (the caller spreads the options after these).
 */
export function deltaSessionWrite(conf: DeltaSessionConf, given: Pick<DeltaWriteOptions, 'txn'>): DeltaSessionWrite {
  const userMetadata = conf.get(USER_METADATA)
  const base = userMetadata !== undefined ? { userMetadata } : {}
  const nothingAfter = { options: base, afterWrite: () => {} }
  if (given.txn) return nothingAfter
  const appId = conf.get(TXN_APP_ID)
  const versionText = conf.get(TXN_VERSION)
  if (appId === undefined && versionText === undefined) return nothingAfter
  if (appId === undefined || versionText === undefined) {
    const reason = `Both ${TXN_APP_ID} and ${TXN_VERSION} must be specified for idempotent Delta writes`
    throw new AnalysisError('DELTA_INVALID_IDEMPOTENT_WRITES_OPTIONS', `Invalid options for idempotent Dataframe writes: ${reason}`, { reason })
  }
  const txn = { appId, version: confTxnVersion(versionText) }
  const autoReset = conf.get(TXN_AUTO_RESET)?.trim().toLowerCase() === 'true'
  return { options: { ...base, txn }, afterWrite: () => { if (autoReset) conf.unset(TXN_VERSION) } }
}
