import type { CompressionCodec } from 'hyparquet'
import { writePageHeader } from 'hyparquet-writer/src/datapage.js'
import { writeRleBitPackedHybrid } from 'hyparquet-writer/src/encoding.js'
import type { writeMetadata } from 'hyparquet-writer/src/metadata.js'
import { snappyCompress } from '../snappy-compress.js'
import type { LeafColumn, ShreddedColumn } from './parquet-leaf-columns.js'
import { GrowableBytes, GrowableInt32 } from './growable-arrays.js'
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

const bitWidthOf = (maxValue: number): number => 32 - Math.clz32(maxValue)

/**
 * The open column chunk of one leaf column: values are encoded as batches of rows arrive
 * (dictionary indexes, or PLAIN bytes once the dictionary gives up, as parquet-mr's
 * fallback writer does), so the rows themselves can be collected young. `writeChunk`
 * writes the chunk (dictionary page, one v1 data page) and starts the next one.
 */
export class ColumnChunkWriter {
  private definitionLevels = new GrowableBytes()
  private repetitionLevels = new GrowableBytes()
  private numLevels = 0
  private numValues = 0
  private slots: Map<unknown, number> | undefined = new Map()
  private entries: unknown[] = []
  private dictionaryBytes = 0
  private indexes = new GrowableInt32()
  private readonly plain = new PageBuffer()
  private min: unknown = undefined
  private max: unknown = undefined

  constructor(readonly leaf: LeafColumn, private readonly physical: PhysicalValues) {
    if (!physical.dictionaryKey) this.slots = undefined
  }

  /** Bytes the open chunk holds so far (levels, indexes, PLAIN values), before compression. */
  bufferedBytes(): number {
    return this.definitionLevels.length + this.repetitionLevels.length + this.indexes.length * 4 + this.dictionaryBytes + this.plain.offset
  }

  /** Adds the levels and values of a batch of rows. */
  add(shredded: ShreddedColumn): void {
    if (shredded.definitionLevels) this.definitionLevels.append(shredded.definitionLevels)
    if (shredded.repetitionLevels) this.repetitionLevels.append(shredded.repetitionLevels)
    this.numLevels += shredded.numLevels
    const values = shredded.values
    let from = 0
    if (this.slots) from = this.addToDictionary(values)
    if (from < values.length) {
      const rest = from === 0 ? values : values.slice(from)
      this.physical.writePlain(this.plain, rest)
      this.updateBounds(rest)
    }
    this.numValues += values.length
  }

  /** Dictionary-encodes values until the dictionary gives up; returns how many it took. */
  private addToDictionary(values: readonly unknown[]): number {
    const slots = this.slots!
    const keyOf = this.physical.dictionaryKey!
    const { entries, indexes } = this
    for (let i = 0; i < values.length; i++) {
      const value = values[i]
      const key = keyOf(value)
      let slot = slots.get(key)
      if (slot === undefined) {
        this.dictionaryBytes += this.physical.dictionaryBytes(value)
        const seen = this.numValues + i
        if (this.dictionaryBytes > MAX_DICTIONARY_BYTES || (seen >= DICTIONARY_PROBE && (entries.length + 1) * 2 > seen)) {
          this.fallBackToPlain()
          return i
        }
        slot = entries.length
        slots.set(key, slot)
        entries.push(value)
      }
      indexes.push(slot)
    }
    return values.length
  }

  /** Rewrites what the dictionary holds as PLAIN values and stops using it for this chunk. */
  private fallBackToPlain(): void {
    const { entries } = this
    const indexes = this.indexes.view()
    const values = new Array<unknown>(indexes.length)
    for (let i = 0; i < indexes.length; i++) values[i] = entries[indexes[i]!]
    this.physical.writePlain(this.plain, values)
    this.updateBounds(entries)
    this.slots = undefined
    this.entries = []
    this.indexes = new GrowableInt32()
  }

  private updateBounds(values: readonly unknown[]): void {
    const { physical } = this
    const skip = physical.skipInStatistics
    let { min, max } = this
    for (let i = 0; i < values.length; i++) {
      const value = values[i]
      if (skip && skip(value)) continue
      if (min === undefined) min = max = value
      else if (physical.compare(value, min) < 0) min = value
      else if (physical.compare(value, max) > 0) max = value
    }
    this.min = min
    this.max = max
  }

  /** Writes the open chunk to `out`, returns its metadata, and starts an empty chunk. */
  writeChunk(out: PageBuffer, codec: CompressionCodec, page: PageBuffer): ColumnChunk {
    const { leaf } = this
    const chunkStart = out.offset
    const dictionary = this.slots !== undefined && this.entries.length > 0
    let uncompressed = 0
    let dictionaryPageOffset: bigint | undefined
    const encodings: Encoding[] = []
    if (dictionary) {
      this.updateBounds(this.entries)
      dictionaryPageOffset = BigInt(out.offset)
      page.reset()
      this.physical.writePlain(page, this.entries)
      uncompressed += writePage(out, { type: 'DICTIONARY_PAGE', dictionary_page_header: { num_values: this.entries.length, encoding: 'PLAIN' } }, page.written(), codec)
      encodings.push('PLAIN')
    }
    const dataPageOffset = BigInt(out.offset)
    page.reset()
    if (leaf.maxRepetitionLevel > 0) writeLevels(page, this.repetitionLevels.view(), leaf.maxRepetitionLevel)
    if (leaf.maxDefinitionLevel > 0) writeLevels(page, this.definitionLevels.view(), leaf.maxDefinitionLevel)
    const encoding: Encoding = dictionary ? 'RLE_DICTIONARY' : 'PLAIN'
    if (dictionary) {
      const bitWidth = Math.max(1, bitWidthOf(this.entries.length - 1))
      page.appendUint8(bitWidth)
      writeRleBitPackedHybrid(page, this.indexes.view(), bitWidth)
    } else {
      const written = this.plain.written()
      page.writeRaw(this.physical.finishPlain ? this.physical.finishPlain(written) : written)
    }
    uncompressed += writePage(out, {
      type: 'DATA_PAGE',
      data_page_header: { num_values: this.numLevels, encoding, definition_level_encoding: 'RLE', repetition_level_encoding: 'RLE' },
    }, page.written(), codec)
    if (leaf.maxDefinitionLevel > 0 || leaf.maxRepetitionLevel > 0) encodings.push('RLE')
    encodings.push(encoding)

    const statistics: Statistics = { null_count: BigInt(this.numLevels - this.numValues) }
    if (this.min !== undefined) {
      // Parquet: a zero bound is written -0 as min and +0 as max, so readers never skip either zero.
      const min = this.min === 0 ? -0 : this.min
      const max = this.max === 0 ? 0 : this.max
      Object.assign(statistics, { min_value: this.physical.statistic(min), max_value: this.physical.statistic(max) })
    }
    const chunk: ColumnChunk = {
      file_offset: BigInt(chunkStart),
      meta_data: {
        type: leaf.element.type as ColumnMetaData['type'],
        encodings,
        path_in_schema: [...leaf.pathInSchema],
        codec,
        num_values: BigInt(this.numLevels),
        total_uncompressed_size: BigInt(uncompressed),
        total_compressed_size: BigInt(out.offset - chunkStart),
        data_page_offset: dataPageOffset,
        ...(dictionaryPageOffset === undefined ? {} : { dictionary_page_offset: dictionaryPageOffset }),
        statistics,
      },
    }
    this.reset()
    return chunk
  }

  private reset(): void {
    this.definitionLevels.length = 0
    this.repetitionLevels.length = 0
    this.numLevels = 0
    this.numValues = 0
    this.slots = this.physical.dictionaryKey ? new Map() : undefined
    this.entries = []
    this.dictionaryBytes = 0
    this.indexes = new GrowableInt32()
    this.plain.reset()
    this.min = undefined
    this.max = undefined
  }
}

/** Writes the RLE/bit-packed levels with the 4-byte length prefix of a v1 data page. */
function writeLevels(page: PageBuffer, levels: Uint8Array, maxLevel: number): void {
  const lengthAt = page.index
  page.writeInt32(0)
  const start = page.offset
  writeRleBitPackedHybrid(page, levels, bitWidthOf(maxLevel))
  page.patchUint32(lengthAt, page.offset - start)
}

/** Appends one page (header, then body) to `out`; returns its uncompressed size with header. */
function writePage(out: PageBuffer, header: Omit<PageHeader, 'compressed_page_size' | 'uncompressed_page_size'>, body: Uint8Array, codec: CompressionCodec): number {
  const compressed = codec === 'SNAPPY' ? snappyCompress(body) : body
  const headerStart = out.offset
  writePageHeader(out, { ...header, uncompressed_page_size: body.length, compressed_page_size: compressed.length } as PageHeader)
  const headerSize = out.offset - headerStart
  out.writeRaw(compressed)
  return headerSize + body.length
}
