import { IntegerType, LongType, StructField, StructType, TimestampType } from '@sluice/shared'
import { describe, expect, it } from 'vitest'
import { getMemoryStream, MemoryStream } from './memory-stream.js'

describe('MemoryStream', () => {
  // Spark's MemoryStream (sql/core/.../execution/streaming/sources/memory.scala): currentOffset
  // starts at LongOffset(-1), each addData call does `currentOffset + 1` and appends one batch;
  // latestOffset is null while currentOffset is -1.
  it('should number offsets per addData call from 0, as Spark, and replay ranges', async () => {
    const input = new MemoryStream(StructType([StructField('value', IntegerType)]))
    expect(await input.latestOffset()).toBeNull()
    expect(input.addData(3, 1)).toBe('0')
    expect(input.addData([2])).toBe('1')
    expect(input.addData()).toBe('2')
    expect(input.addData(7, 8, 9)).toBe('3')
    expect(await input.latestOffset()).toBe('3')
    expect(input.size).toBe(6)
    expect(await input.getBatch(null, '0')).toEqual([[3], [1]])
    expect(await input.getBatch('0', '1')).toEqual([[2]])
    expect(await input.getBatch('1', '2')).toEqual([])
    await input.commit()
    expect(await input.getBatch(null, '3')).toEqual([[3], [1], [2], [7], [8], [9]])
    await expect(input.getBatch('1', '9')).rejects.toThrow(/outside the offsets \(-1, 3\] added/)
  })

  it('should be found by id in the registry', () => {
    const input = new MemoryStream('value STRING', { id: 'events-test' })
    expect(getMemoryStream('events-test')).toBe(input)
    expect(() => new MemoryStream('value STRING', { id: 'events-test' })).toThrow(/MEMORY_STREAM_ALREADY_EXISTS/)
    input.unregister()
    expect(() => getMemoryStream('events-test')).toThrow(/MEMORY_STREAM_NOT_FOUND.*'events-test'/)
    const numbered = new MemoryStream('a INT')
    expect(getMemoryStream(Number(numbered.id))).toBe(numbered)
  })

  it('should convert numbers for BIGINT and Dates for TIMESTAMP, and check row width', async () => {
    const input = new MemoryStream(StructType([StructField('id', LongType), StructField('at', TimestampType)]))
    input.addData([1, new Date(1_000)], [2n, 5])
    expect(await input.getBatch(null, '0')).toEqual([[1n, 1_000_000], [2n, 5]])
    expect(() => input.addData([1])).toThrow(/MEMORY_STREAM_ROW_MISMATCH.*Row 0 .* has 1 values but the schema has 2 columns/)
    expect(input.description).toBe('MemoryStream[id,at]')
  })
})
