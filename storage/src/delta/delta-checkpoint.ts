import { join } from 'node:path'
import {
  ArrayType, BooleanType, IntegerType, LongType, MapType, StringType, StructField, StructType, type Row,
} from '@sluice/shared'
import { encodeParquet } from '../formats/parquet/parquet-writer.js'
import { readParquetFile } from '../formats/parquet/parquet-reader.js'
import type { DeltaAction, DeltaAddFile, DeltaMetadata, DeltaProtocol, DeltaRemoveFile, DeltaSetTransaction } from './delta-actions.js'
import { checkpointFileName, deltaLogDir, writeFileAtomically } from './delta-log-store.js'

const stringMap = MapType(StringType, StringType, true)
const DELETION_VECTOR = StructType([
  StructField('storageType', StringType), StructField('pathOrInlineDv', StringType), StructField('offset', IntegerType),
  StructField('sizeInBytes', IntegerType), StructField('cardinality', LongType),
])

/** The Parquet schema of a checkpoint (PROTOCOL.md "Checkpoint Schema"), one action per row. */
export const DELTA_CHECKPOINT_SCHEMA = StructType([
  StructField('txn', StructType([StructField('appId', StringType), StructField('version', LongType), StructField('lastUpdated', LongType)])),
  StructField('add', StructType([
    StructField('path', StringType), StructField('partitionValues', stringMap), StructField('size', LongType),
    StructField('modificationTime', LongType), StructField('dataChange', BooleanType), StructField('stats', StringType),
    StructField('tags', stringMap), StructField('deletionVector', DELETION_VECTOR),
  ])),
  StructField('remove', StructType([
    StructField('path', StringType), StructField('deletionTimestamp', LongType), StructField('dataChange', BooleanType),
    StructField('extendedFileMetadata', BooleanType), StructField('partitionValues', stringMap), StructField('size', LongType),
  ])),
  StructField('metaData', StructType([
    StructField('id', StringType), StructField('name', StringType), StructField('description', StringType),
    StructField('format', StructType([StructField('provider', StringType), StructField('options', stringMap)])),
    StructField('schemaString', StringType), StructField('partitionColumns', ArrayType(StringType)),
    StructField('configuration', stringMap), StructField('createdTime', LongType),
  ])),
  StructField('protocol', StructType([
    StructField('minReaderVersion', IntegerType), StructField('minWriterVersion', IntegerType),
    StructField('readerFeatures', ArrayType(StringType)), StructField('writerFeatures', ArrayType(StringType)),
  ])),
])

/** What a checkpoint holds: the table state at one version. */
export interface DeltaCheckpointState {
  readonly protocol: DeltaProtocol
  readonly metadata: DeltaMetadata
  readonly adds: readonly DeltaAddFile[]
  readonly txns: readonly DeltaSetTransaction[]
}

const toMap = (record: Readonly<Record<string, string | null>> | null | undefined): Map<string, string | null> | null =>
  record ? new Map(Object.entries(record)) : null
const big = (value: number | null | undefined): bigint | null => (value === null || value === undefined ? null : BigInt(value))

/** Writes the checkpoint of `version` and points `_last_checkpoint` at it. */
export async function writeDeltaCheckpoint(tablePath: string, version: number, state: DeltaCheckpointState): Promise<void> {
  const rows: Row[] = []
  const { protocol, metadata } = state
  rows.push([null, null, null, null, [protocol.minReaderVersion, protocol.minWriterVersion, protocol.readerFeatures ?? null, protocol.writerFeatures ?? null]])
  rows.push([null, null, null, [
    metadata.id, metadata.name ?? null, metadata.description ?? null, [metadata.format.provider, toMap(metadata.format.options)],
    metadata.schemaString, [...metadata.partitionColumns], toMap(metadata.configuration), big(metadata.createdTime),
  ], null])
  for (const txn of state.txns) rows.push([[txn.appId, BigInt(txn.version), big(txn.lastUpdated)], null, null, null, null])
  for (const add of state.adds) {
    rows.push([null, [add.path, toMap(add.partitionValues), BigInt(add.size), BigInt(add.modificationTime), add.dataChange, add.stats ?? null, toMap(add.tags), null], null, null, null])
  }
  const bytes = encodeParquet(DELTA_CHECKPOINT_SCHEMA, rows, {})
  await writeFileAtomically(join(deltaLogDir(tablePath), checkpointFileName(version)), bytes)
  await writeFileAtomically(join(deltaLogDir(tablePath), '_last_checkpoint'), JSON.stringify({ version, size: rows.length }))
}

const fromMap = (value: unknown): Record<string, string | null> => (value instanceof Map ? Object.fromEntries(value) as Record<string, string | null> : {})
const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value))

/** The actions of a checkpoint (all parts, in order), as log actions. */
export async function readDeltaCheckpoint(tablePath: string, fileNames: readonly string[]): Promise<DeltaAction[]> {
  const actions: DeltaAction[] = []
  for (const name of fileNames) {
    for await (const batch of readParquetFile(join(deltaLogDir(tablePath), name), { schema: DELTA_CHECKPOINT_SCHEMA, options: {} })) {
      for (const row of batch) {
        const [txn, add, remove, metaData, protocol] = row as (unknown[] | null)[]
        if (txn) actions.push({ txn: { appId: txn[0] as string, version: num(txn[1])!, lastUpdated: num(txn[2]) } })
        if (add) {
          actions.push({ add: {
            path: add[0] as string, partitionValues: fromMap(add[1]), size: num(add[2]) ?? 0, modificationTime: num(add[3]) ?? 0,
            dataChange: add[4] !== false, stats: (add[5] as string | null) ?? null, tags: add[6] ? fromMap(add[6]) as Record<string, string> : null,
            ...(add[7] ? { deletionVector: add[7] } : {}),
          } })
        }
        if (remove) actions.push({ remove: { path: remove[0] as string, deletionTimestamp: num(remove[1]), dataChange: remove[2] === true } satisfies DeltaRemoveFile })
        if (metaData) {
          const format = (metaData[3] as unknown[] | null) ?? ['parquet', null]
          actions.push({ metaData: {
            id: metaData[0] as string, name: (metaData[1] as string | null) ?? null, description: (metaData[2] as string | null) ?? null,
            format: { provider: (format[0] as string | null) ?? 'parquet', options: fromMap(format[1]) as Record<string, string> },
            schemaString: metaData[4] as string, partitionColumns: (metaData[5] as string[] | null) ?? [],
            configuration: fromMap(metaData[6]) as Record<string, string>, createdTime: num(metaData[7]),
          } })
        }
        if (protocol) {
          actions.push({ protocol: {
            minReaderVersion: protocol[0] as number, minWriterVersion: protocol[1] as number,
            ...(protocol[2] ? { readerFeatures: protocol[2] as string[] } : {}),
            ...(protocol[3] ? { writerFeatures: protocol[3] as string[] } : {}),
          } })
        }
      }
    }
  }
  return actions
}
