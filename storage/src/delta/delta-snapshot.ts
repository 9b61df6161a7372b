import { AnalysisError, schemaFromJson, timestampStringToMicros, type StructType } from '@sluice/shared'
import { decodeDeltaPath, type DeltaAction, type DeltaAddFile, type DeltaMetadata, type DeltaProtocol } from './delta-actions.js'
import { readDeltaCheckpoint } from './delta-checkpoint.js'
import { corruptLog, notADeltaTable, timestampEarlierThanCommit, timestampGreaterThanCommit, unsupportedReadFeature } from './delta-errors.js'
import { commitFileModificationTime, listDeltaLog, readCommitActions, type DeltaLogListing } from './delta-log-store.js'


/** The state of a Delta table at one version, from log replay. */
export interface DeltaSnapshot {
  readonly tablePath: string
  readonly version: number
  readonly protocol: DeltaProtocol
  readonly metadata: DeltaMetadata
  /** The table schema (from `metadata.schemaString`), partition columns included. */
  readonly schema: StructType
  readonly partitionColumns: readonly string[]
  /** Live data files, in the order they were added. */
  readonly files: readonly DeltaAddFile[]
  /** Latest `txn` version per appId. */
  readonly txnVersions: ReadonlyMap<string, number>
}

/** Which version to load: the latest unless one of these is given. */
export interface DeltaTimeTravel {
  readonly versionAsOf?: number
  /** Epoch milliseconds, a `Date`, or timestamp text ('2020-10-26 14:53:39', read in `timeZone` without a zone). */
  readonly timestampAsOf?: number | string | Date
  /** spark.sql.session.timeZone (UTC by default): Delta reads timestamp text and prints commit times in it. */
  readonly timeZone?: string
}

/** Reader features Sluice reads correctly; `deletionVectors` and `columnMapping` are checked by use instead. */
const SUPPORTED_READER_FEATURES = new Set(['timestampNtz', 'vacuumProtocolCheck', 'deletionVectors', 'columnMapping'])

/** Loads the snapshot of a table at the version the time travel names (the latest by default). */
export async function loadSnapshot(tablePath: string, travel: DeltaTimeTravel = {}): Promise<DeltaSnapshot> {
  const listing = await listDeltaLog(tablePath)
  if (!listing || (listing.commitVersions.length === 0 && listing.checkpoints.size === 0)) throw notADeltaTable(tablePath)
  const latest = Math.max(listing.commitVersions.at(-1) ?? -1, ...listing.checkpoints.keys())
  let target = latest
  if (travel.versionAsOf !== undefined && travel.timestampAsOf !== undefined) {
    throw new AnalysisError('DELTA_CANNOT_SPECIFY_BOTH_VERSIONASOF_AND_TIMESTAMPASOF', 'Cannot specify both versionAsOf and timestampAsOf for time travel.')
  }
  if (travel.versionAsOf !== undefined) target = checkVersionAvailable(tablePath, listing, latest, travel.versionAsOf)
  else if (travel.timestampAsOf !== undefined) target = await versionAtTimestamp(tablePath, listing, travel.timestampAsOf, travel.timeZone ?? 'UTC')
  return replayTo(tablePath, listing, target)
}

/**
 * Delta's `checkVersionExists(mustBeRecreatable = false)` for a stream's startingVersion:
 * the version must lie between the first commit file and the latest version.
 */
export async function checkStreamStartingVersion(tablePath: string, version: number): Promise<void> {
  const listing = await listDeltaLog(tablePath)
  if (!listing || listing.commitVersions.length === 0) throw notADeltaTable(tablePath)
  const earliest = listing.commitVersions[0]!
  const latest = Math.max(listing.commitVersions.at(-1)!, ...listing.checkpoints.keys())
  if (version < earliest || version > latest) {
    throw new AnalysisError('DELTA_VERSION_NOT_FOUND', `Cannot time travel Delta table to version ${version}. Available versions: [${earliest}, ${latest}].`, {
      userVersion: String(version), earliest: String(earliest), latest: String(latest),
    })
  }
}

function earliestReconstructable(listing: DeltaLogListing): number {
  if (listing.commitVersions[0] === 0) return 0
  return Math.min(...listing.checkpoints.keys())
}

function checkVersionAvailable(tablePath: string, listing: DeltaLogListing, latest: number, version: number): number {
  const earliest = earliestReconstructable(listing)
  if (!Number.isInteger(version) || version < earliest || version > latest) {
    throw new AnalysisError('DELTA_VERSION_NOT_FOUND', `Cannot time travel Delta table to version ${version}. Available versions: [${earliest}, ${latest}].`, {
      userVersion: String(version), earliest: String(earliest), latest: String(latest),
    })
  }
  return version
}

/** Commit timestamps (ms) per version: commitInfo.timestamp, else the file's modification time, made strictly increasing as Delta does. */
export async function commitTimestamps(tablePath: string, versions: readonly number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>()
  let previous = -Infinity
  for (const version of versions) {
    const actions = await readCommitActions(tablePath, version)
    const info = actions.find((a) => a.commitInfo)?.commitInfo
    let timestamp = typeof info?.timestamp === 'number' ? info.timestamp : await commitFileModificationTime(tablePath, version)
    if (timestamp <= previous) timestamp = previous + 1
    out.set(version, timestamp)
    previous = timestamp
  }
  return out
}

/**
 * A time-travel timestamp in epoch milliseconds: a number, a Date, or text read in
 * the session time zone (Delta's DeltaTimeTravelSpec.getTimestamp casts the string
 * to TIMESTAMP with spark.sql.session.timeZone).
 */
export function timestampMillis(value: number | string | Date, timeZone = 'UTC'): number {
  if (typeof value === 'number') return value
  if (value instanceof Date) return value.getTime()
  const micros = timestampStringToMicros(value, timeZone)
  if (micros === null) throw new AnalysisError('DELTA_TIMESTAMP_INVALID', `The provided timestamp ('${value}') cannot be converted to a valid timestamp.`, { expr: value })
  return Math.floor(micros / 1000)
}

async function versionAtTimestamp(tablePath: string, listing: DeltaLogListing, value: number | string | Date, timeZone: string): Promise<number> {
  const wanted = timestampMillis(value, timeZone)
  const times = await commitTimestamps(tablePath, listing.commitVersions)
  let found = -1
  for (const [version, time] of times) if (time <= wanted) found = version
  const first = listing.commitVersions[0]!
  const last = listing.commitVersions.at(-1)!
  if (found < 0) throw timestampEarlierThanCommit(wanted, times.get(first)!, timeZone)
  if (wanted > times.get(last)!) throw timestampGreaterThanCommit(wanted, times.get(last)!, timeZone)
  return found
}

async function replayTo(tablePath: string, listing: DeltaLogListing, target: number): Promise<DeltaSnapshot> {
  const checkpointVersion = Math.max(-1, ...[...listing.checkpoints.keys()].filter((v) => v <= target))
  let protocol: DeltaProtocol | undefined
  let metadata: DeltaMetadata | undefined
  const files = new Map<string, DeltaAddFile>()
  const txnVersions = new Map<string, number>()
  const apply = (action: DeltaAction): void => {
    if (action.protocol) protocol = action.protocol
    else if (action.metaData) metadata = action.metaData
    else if (action.add) {
      const key = decodeDeltaPath(action.add.path)
      files.delete(key) // a re-added path moves to the end
      files.set(key, action.add)
    } else if (action.remove) files.delete(decodeDeltaPath(action.remove.path))
    else if (action.txn) txnVersions.set(action.txn.appId, action.txn.version)
  }
  if (checkpointVersion >= 0) {
    for (const action of await readDeltaCheckpoint(tablePath, listing.checkpoints.get(checkpointVersion)!)) apply(action)
  }
  const present = new Set(listing.commitVersions)
  for (let version = checkpointVersion + 1; version <= target; version++) {
    if (!present.has(version)) {
      throw new AnalysisError('DELTA_VERSIONS_NOT_CONTIGUOUS', `Versions are not contiguous in the log of ${tablePath}: version ${version} is missing (replaying to ${target}).`, {
        versionList: listing.commitVersions.join(', '),
      })
    }
    for (const action of await readCommitActions(tablePath, version)) apply(action)
  }
  if (!protocol || !metadata) throw corruptLog(tablePath, `no ${protocol ? 'metaData' : 'protocol'} action up to version ${target}`)
  checkReadable(tablePath, protocol, metadata, files.values())
  return {
    tablePath,
    version: target,
    protocol,
    metadata,
    schema: schemaFromJson(metadata.schemaString),
    partitionColumns: metadata.partitionColumns,
    files: [...files.values()],
    txnVersions,
  }
}

/** Throws when reading the table needs a feature Sluice lacks (rather than returning wrong rows). */
export function checkReadable(tablePath: string, protocol: DeltaProtocol, metadata: DeltaMetadata, files: Iterable<DeltaAddFile>): void {
  if (protocol.minReaderVersion > 3) unsupported(`readerVersion ${protocol.minReaderVersion}`)
  const unknown = (protocol.readerFeatures ?? []).filter((f) => !SUPPORTED_READER_FEATURES.has(f))
  if (unknown.length > 0) throw unsupportedReadFeature(tablePath, unknown)
  const mapping = metadata.configuration['delta.columnMapping.mode']
  if (mapping !== undefined && mapping !== 'none') throw unsupportedReadFeature(tablePath, [`columnMapping (mode ${mapping})`])
  for (const file of files) {
    if (file.deletionVector) throw unsupportedReadFeature(tablePath, [`deletionVectors (file ${file.path})`])
  }
  function unsupported(what: string): never {
    throw unsupportedReadFeature(tablePath, [what])
  }
}
