import { ByteWriter } from 'hyparquet-writer/src/bytewriter.js'

const utf8 = new TextEncoder()
const TWO_32 = 2 ** 32

/**
 * hyparquet-writer's growable little-endian buffer (so its Thrift and RLE writers can use it),
 * with the PLAIN value writers of the column-native encoder, which touch bytes directly.
 */
export class PageBuffer extends ByteWriter {
  bytes: Uint8Array

  constructor(initialSize = 1 << 16) {
    super(initialSize)
    this.bytes = new Uint8Array(this.buffer)
  }

  override ensure(size: number): void {
    if (this.index + size > this.buffer.byteLength) {
      super.ensure(size)
      this.bytes = new Uint8Array(this.buffer)
    }
  }

  /** Empties the buffer for reuse, keeping its memory. */
  reset(): void {
    this.offset = 0
    this.index = 0
  }

  /** An int64 given as a JS number (an integer within ±2^63; microsecond timestamps). */
  writeInt64Number(value: number): void {
    this.ensure(8)
    const high = Math.floor(value / TWO_32)
    this.view.setUint32(this.index, value - high * TWO_32, true)
    this.view.setInt32(this.index + 4, high, true)
    this.index += 8
    this.offset += 8
  }

  writeInt32(value: number): void {
    this.ensure(4)
    this.view.setInt32(this.index, value, true)
    this.index += 4
    this.offset += 4
  }

  writeInt64(value: bigint): void {
    this.ensure(8)
    this.view.setBigInt64(this.index, value, true)
    this.index += 8
    this.offset += 8
  }

  writeFloat(value: number): void {
    this.ensure(4)
    this.view.setFloat32(this.index, value, true)
    this.index += 4
    this.offset += 4
  }

  writeDouble(value: number): void {
    this.ensure(8)
    this.view.setFloat64(this.index, value, true)
    this.index += 8
    this.offset += 8
  }

  /** A BYTE_ARRAY value: 4-byte length, then the string's UTF-8 bytes. */
  writeString(value: string): void {
    const length = value.length
    const room = length * 3
    this.ensure(4 + room)
    const start = this.index + 4
    const bytes = this.bytes
    let position = start
    let i = 0
    // ASCII is the common case and a plain loop beats encodeInto's call cost on short strings.
    if (length <= 64) {
      for (; i < length; i++) {
        const code = value.charCodeAt(i)
        if (code >= 0x80) break
        bytes[position++] = code
      }
    }
    if (i < length) position = start + utf8.encodeInto(value, bytes.subarray(start, start + room)).written
    this.view.setUint32(this.index, position - start, true)
    this.offset += position - this.index
    this.index = position
  }

  /** A BYTE_ARRAY value: 4-byte length, then the bytes. */
  writeByteArray(value: Uint8Array): void {
    this.ensure(4 + value.length)
    this.view.setUint32(this.index, value.length, true)
    this.bytes.set(value, this.index + 4)
    this.index += 4 + value.length
    this.offset += 4 + value.length
  }

  /** Raw bytes without a length (FIXED_LEN_BYTE_ARRAY values, nested pages). */
  writeRaw(value: Uint8Array): void {
    this.ensure(value.length)
    this.bytes.set(value, this.index)
    this.index += value.length
    this.offset += value.length
  }

  /** Overwrites 4 bytes at `position` (a length prefix written before its content). */
  patchUint32(position: number, value: number): void {
    this.view.setUint32(position, value, true)
  }

  /** A view of what was written (valid until the next write). */
  written(): Uint8Array {
    return this.bytes.subarray(0, this.index)
  }
}
