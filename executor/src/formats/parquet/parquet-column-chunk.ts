import type { CompressionCodec } from 'hyparquet'
import { writePageHeader } from 'hyparquet-writer/src/datapage.js'
import { writeRleBitPackedHybrid } from 'hyparquet-writer/src/encoding.js'
import type { writeMetadata } from 'hyparquet-writer/src/metadata.js'
import { snappyCompress } from '../snappy-compress.js'
import type { LeafColumn, ShreddedColumn } from './parquet-leaf-columns.js'
import { PageBuffer } from './page-buffer.js'
import type { PhysicalValues } from './parquet-physical-values.js'

// hyparquet-writer has its own copy of hyparquet's types: take them from its signatures.
/** The footer metadata as hyparquet-writer serializes it. */
export type FooterMetadata = Parameters<typeof writeMetadata>[1]
export type RowGroup = FooterMetadata['row_groups'][number]
type ColumnChunk = RowGroup['columns'][number]
type ColumnMetaData = NonNullable<ColumnChunk['meta_data']>
type Encoding = ColumnMetaData['encodings'][number]
type Statistics = NonNullable<ColumnMetaData['statistics']>
type PageHeader = Parameters<typeof writePageHeader>[1]

/** parquet-mr's default dictionary page limit: past it a column chunk falls back to PLAIN. */
const MAX_DICTIONARY_BYTES = 1 << 20
/** Values looked at before giving up on a dictionary for a column of mostly distinct values. */
const DICTIONARY_PROBE = 1024

/** Scratch buffers reused across the column chunks of one file. */
export interface ChunkScratch {
  readonly page: PageBuffer
  readonly levels: PageBuffer
}

export function newChunkScratch(): ChunkScratch {
  return { page: new PageBuffer(), levels: new PageBuffer(1 << 12) }
}

interface Dictionary {
  readonly entries: unknown[]
  readonly indexes: Int32Array
}

/**
 * Dictionary-encodes `values` the way parquet-mr decides: keep the dictionary while its page
 * stays under 1 MiB; give up early when most values are distinct (a dictionary would only
 * add a page and an indirection).
 */
function buildDictionary(values: readonly unknown[], physical: PhysicalValues): Dictionary | undefined {
  const keyOf = physical.dictionaryKey
  if (!keyOf || values.length === 0) return undefined
  const slots = new Map<unknown, number>()
  const entries: unknown[] = []
  const indexes = new Int32Array(values.length)
  let bytes = 0
  for (let i = 0; i < values.length; i++) {
    const value = values[i]
    const key = keyOf(value)
    let slot = slots.get(key)
    if (slot === undefined) {
      slot = entries.length
      slots.set(key, slot)
      entries.push(value)
      bytes += physical.dictionaryBytes(value)
      if (bytes > MAX_DICTIONARY_BYTES) return undefined
      if (i >= DICTIONARY_PROBE && entries.length * 2 > i) return undefined
    }
    indexes[i] = slot
  }
  return { entries, indexes }
}

function minMax(values: readonly unknown[], physical: PhysicalValues): { min: unknown; max: unknown } | undefined {
  let min: unknown
  let max: unknown
  let found = false
  const skip = physical.skipInStatistics
  for (let i = 0; i < values.length; i++) {
    const value = values[i]
    if (skip && skip(value)) continue
    if (!found) {
      min = max = value
      found = true
    } else if (physical.compare(value, min) < 0) min = value
    else if (physical.compare(value, max) > 0) max = value
  }
  if (!found) return undefined
  // Parquet: a zero bound is written -0 as min and +0 as max, so readers never skip either zero.
  if (min === 0) min = -0
  if (max === 0) max = 0
  return { min: physical.statistic(min), max: physical.statistic(max) }
}

const bitWidthOf = (maxValue: number): number => 32 - Math.clz32(maxValue)

/** Writes the RLE/bit-packed levels with the 4-byte length prefix of a v1 data page. */
function writeLevels(page: PageBuffer, levels: Uint8Array, maxLevel: number): void {
  const lengthAt = page.index
  page.writeInt32(0)
  const start = page.offset
  writeRleBitPackedHybrid(page, levels, bitWidthOf(maxLevel))
  page.patchUint32(lengthAt, page.offset - start)
}

function compress(bytes: Uint8Array, codec: CompressionCodec): Uint8Array {
  return codec === 'SNAPPY' ? snappyCompress(bytes) : bytes
}

/** Appends one page (header, then body) to `out`; returns its uncompressed size with header. */
function writePage(out: PageBuffer, header: Omit<PageHeader, 'compressed_page_size' | 'uncompressed_page_size'>, body: Uint8Array, codec: CompressionCodec): number {
  const compressed = compress(body, codec)
  const headerStart = out.offset
  writePageHeader(out, { ...header, uncompressed_page_size: body.length, compressed_page_size: compressed.length } as PageHeader)
  const headerSize = out.offset - headerStart
  out.writeRaw(compressed)
  return headerSize + body.length
}

/**
 * Writes one column chunk (an optional dictionary page, then one v1 data page) of `leaf`
 * to `out` and returns its metadata with min/max/null-count statistics.
 */
export function writeColumnChunk(
  out: PageBuffer,
  leaf: LeafColumn,
  physical: PhysicalValues,
  shredded: ShreddedColumn,
  codec: CompressionCodec,
  scratch: ChunkScratch,
): ColumnChunk {
  const { values } = shredded
  const chunkStart = out.offset
  const dictionary = buildDictionary(values, physical)
  let uncompressed = 0
  let dictionaryPageOffset: bigint | undefined
  const encodings: Encoding[] = []
  const { page } = scratch
  if (dictionary) {
    dictionaryPageOffset = BigInt(out.offset)
    page.reset()
    physical.writePlain(page, dictionary.entries)
    uncompressed += writePage(out, { type: 'DICTIONARY_PAGE', dictionary_page_header: { num_values: dictionary.entries.length, encoding: 'PLAIN' } }, page.written(), codec)
    encodings.push('PLAIN')
  }
  const dataPageOffset = BigInt(out.offset)
  page.reset()
  if (shredded.repetitionLevels) writeLevels(page, shredded.repetitionLevels, leaf.maxRepetitionLevel)
  if (shredded.definitionLevels) writeLevels(page, shredded.definitionLevels, leaf.maxDefinitionLevel)
  const encoding: Encoding = dictionary ? 'RLE_DICTIONARY' : 'PLAIN'
  if (dictionary) {
    const bitWidth = Math.max(1, bitWidthOf(dictionary.entries.length - 1))
    page.appendUint8(bitWidth)
    writeRleBitPackedHybrid(page, dictionary.indexes, bitWidth)
  } else {
    physical.writePlain(page, values)
  }
  uncompressed += writePage(out, {
    type: 'DATA_PAGE',
    data_page_header: { num_values: shredded.numLevels, encoding, definition_level_encoding: 'RLE', repetition_level_encoding: 'RLE' },
  }, page.written(), codec)
  if (shredded.definitionLevels || shredded.repetitionLevels) encodings.push('RLE')
  encodings.push(encoding)

  const bounds = minMax(dictionary ? dictionary.entries : values, physical)
  const statistics: Statistics = { null_count: BigInt(shredded.numLevels - values.length) }
  if (bounds) Object.assign(statistics, { min_value: bounds.min, max_value: bounds.max })
  return {
    file_offset: BigInt(chunkStart),
    meta_data: {
      type: leaf.element.type as ColumnMetaData['type'],
      encodings,
      path_in_schema: [...leaf.pathInSchema],
      codec,
      num_values: BigInt(shredded.numLevels),
      total_uncompressed_size: BigInt(uncompressed),
      total_compressed_size: BigInt(out.offset - chunkStart),
      data_page_offset: dataPageOffset,
      ...(dictionaryPageOffset === undefined ? {} : { dictionary_page_offset: dictionaryPageOffset }),
      statistics,
    },
  }
}
