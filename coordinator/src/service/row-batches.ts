import { encodeAvroContainer, schemaToJson, type Row, type StructType } from '@sluice/shared'
import type { RowBatch } from '@sluice/proto'

/** Rows per RowBatch at most. */
export const BATCH_MAX_ROWS = 4096
/** Bytes a RowBatch aims to stay under (one row larger than this still goes, alone). */
export const BATCH_TARGET_BYTES = 1024 * 1024

/**
 * A result as RowBatch messages: each a complete Avro object container file of at
 * most BATCH_MAX_ROWS rows and about BATCH_TARGET_BYTES; the first carries the
 * Spark schema JSON. An empty result is one batch with the schema and no rows.
 * The row count of a batch follows the bytes per row seen so far, and a batch
 * over the target is split before it is sent.
 */
export function* rowBatches(schema: StructType, rows: readonly Row[], maxRows = BATCH_MAX_ROWS, targetBytes = BATCH_TARGET_BYTES): Generator<RowBatch> {
  const schemaJson = schemaToJson(schema)
  if (rows.length === 0) {
    yield { avro: Buffer.from(encodeAvroContainer(schema, [])), schemaJson }
    return
  }
  let first = true
  let count = maxRows
  for (let start = 0; start < rows.length;) {
    let slice = rows.slice(start, start + count)
    let avro = encodeAvroContainer(schema, slice)
    while (avro.length > targetBytes && slice.length > 1) {
      slice = slice.slice(0, Math.ceil(slice.length / 2))
      avro = encodeAvroContainer(schema, slice)
    }
    yield { avro: Buffer.from(avro.buffer, avro.byteOffset, avro.byteLength), ...(first ? { schemaJson } : {}) }
    first = false
    start += slice.length
    const bytesPerRow = Math.max(1, avro.length / slice.length)
    count = Math.max(1, Math.min(maxRows, Math.floor(targetBytes / bytesPerRow)))
  }
}
