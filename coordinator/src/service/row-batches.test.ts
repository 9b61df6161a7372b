import { describe, expect, it } from 'vitest'
import { LongType, StringType, StructField, StructType, schemaFromJson } from '@sluice/shared'
import { rowBatches } from './row-batches.js'
import { readAvroContainer } from './testing/service-harness.js'

const schema = StructType([StructField('id', LongType, false), StructField('text', StringType, true)])

describe('rowBatches', () => {
  it('should keep each batch near the byte target by splitting wide rows into smaller batches', async () => {
    const wide = 'w'.repeat(10_000)
    const rows = Array.from({ length: 500 }, (_, i) => [BigInt(i), wide])
    const batches = [...rowBatches(schema, rows, 4096, 256 * 1024)]
    expect(batches.length).toBeGreaterThan(10)
    for (const batch of batches) expect(batch.avro!.length).toBeLessThanOrEqual(256 * 1024 + 1024)
    const decoded = await Promise.all(batches.map((b) => readAvroContainer(b.avro as Uint8Array)))
    const ids = decoded.flatMap((d) => d.records.map((r) => Number(r['id'])))
    expect(ids).toEqual(rows.map((_, i) => i))
    expect(decoded.every((d) => d.records.every((r) => r['text'] === wide))).toBe(true)
  })

  it('should cap a batch at maxRows and send a row wider than the target alone', async () => {
    const narrow = Array.from({ length: 10 }, (_, i) => [BigInt(i), null])
    expect([...rowBatches(schema, narrow, 4)].map((b) => b.schemaJson === undefined)).toEqual([false, true, true])
    const huge = [[0n, 'h'.repeat(2000)], [1n, 'h'.repeat(2000)]]
    const batches = [...rowBatches(schema, huge, 4096, 1000)]
    expect(batches.length).toBe(2)
    expect(schemaFromJson(batches[0]!.schemaJson!)).toEqual(schema)
  })
})
