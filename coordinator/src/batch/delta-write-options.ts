import { AnalysisError } from '@sluice/shared'
import type { DeltaWriteOptions } from '@sluice/storage'
import type { WriteSpec } from './write-spec.js'

type DeltaOptionFields = Pick<DeltaWriteOptions, 'mergeSchema' | 'overwriteSchema' | 'replaceWhere' | 'dataChange' | 'userMetadata' | 'txn' | 'maxRecordsPerFile'>

/** Delta's DELTA_ILLEGAL_OPTION for an option value it cannot take. */
export function illegalDeltaOption(name: string, value: string, explain: string): AnalysisError {
  return new AnalysisError('DELTA_ILLEGAL_OPTION', `Invalid value '${value}' for option '${name}', ${explain}`, { input: value, name, explain })
}

function booleanOption(options: Readonly<Record<string, string>>, key: string, name: string): boolean | undefined {
  const value = options[key]
  if (value === undefined) return undefined
  const lower = value.trim().toLowerCase()
  if (lower === 'true' || lower === 'false') return lower === 'true'
  throw illegalDeltaOption(name, value, "must be 'true' or 'false'")
}

/**
 * The Delta writer options of `df.write.format("delta").option(...)` (Delta's
 * DeltaWriteOptions): mergeSchema, overwriteSchema, replaceWhere, dataChange,
 * userMetadata, maxRecordsPerFile, and txnAppId + txnVersion for idempotent writes
 * (both or neither).
 */
export function deltaWriteOptions(spec: WriteSpec): DeltaOptionFields {
  const o = spec.options
  const appId = o['txnappid']
  const versionText = o['txnversion']
  let txn: DeltaOptionFields['txn']
  if (versionText !== undefined && !/^\d+$/.test(versionText.trim())) throw illegalDeltaOption('txnVersion', versionText, 'must be a non-negative integer')
  if ((appId === undefined) !== (versionText === undefined)) {
    throw new AnalysisError('DELTA_INVALID_IDEMPOTENT_WRITES_OPTIONS', 'Invalid options for idempotent Dataframe writes: Both txnVersion and txnAppId must be specified for idempotent data frame writes', {
      reason: 'Both txnVersion and txnAppId must be specified for idempotent data frame writes',
    })
  }
  if (appId !== undefined && versionText !== undefined) txn = { appId, version: Number(versionText) }
  const mergeSchema = booleanOption(o, 'mergeschema', 'mergeSchema')
  const overwriteSchema = booleanOption(o, 'overwriteschema', 'overwriteSchema')
  const dataChange = booleanOption(o, 'datachange', 'dataChange')
  return {
    ...(mergeSchema !== undefined ? { mergeSchema } : {}),
    ...(overwriteSchema !== undefined ? { overwriteSchema } : {}),
    ...(dataChange !== undefined ? { dataChange } : {}),
    ...(o['replacewhere'] !== undefined ? { replaceWhere: o['replacewhere'] } : {}),
    ...(o['usermetadata'] !== undefined ? { userMetadata: o['usermetadata'] } : {}),
    ...(o['maxrecordsperfile'] !== undefined ? { maxRecordsPerFile: Number(o['maxrecordsperfile']) } : {}),
    ...(txn ? { txn } : {}),
  }
}
