import { schemaFromJson, type Row, type StructType } from '@sluice/shared'
import type { RowBatch__Output } from '@sluice/proto'
import { decodeAvroContainer } from './wire-codecs.js'

/**
 * The rows of a RowBatch stream (ExecutePlan, ExecuteSql), in order. Each batch's
 * Avro is read with the Spark schema the first batch carries, so the types are
 * exact (BIGINT bigint, SMALLINT vs INT, MAP keys); the schema is undefined only
 * when the server sent no batch at all.
 */
export async function collectRowBatches(batches: AsyncIterable<RowBatch__Output>): Promise<{ schema: StructType | undefined; rows: Row[] }> {
  let schema: StructType | undefined
  const rows: Row[] = []
  for await (const batch of batches) {
    if (schema === undefined && batch.schemaJson !== '') schema = schemaFromJson(batch.schemaJson)
    if (batch.avro.length === 0) continue
    const decoded = decodeAvroContainer(batch.avro, schema)
    schema ??= decoded.schema
    for (const row of decoded.rows) rows.push(row)
  }
  return { schema, rows }
}
