/** Avro binary input: the reading side of `AvroSink`, failing with AvroFormatError on bad or short input. */
/** Scratch space to join two 32-bit halves into a bigint. */
const HALVES = new DataView(new ArrayBuffer(8))

/** Thrown by `AvroSource` on input that is not a valid encoding. */
export class AvroFormatError extends Error {}

/** A cursor over input bytes. */
export class AvroSource {
  position = 0

  constructor(readonly buffer: Buffer) {}

  private truncated(): never {
    throw new AvroFormatError(`input ends early at byte ${this.position}`)
  }

  /** Reads a varint below 2^53 (lengths, counts, small longs). */
  varint(): number {
    const buffer = this.buffer
    let n = 0
    let scale = 1
    for (;;) {
      if (this.position >= buffer.length) this.truncated()
      const byte = buffer[this.position++]!
      n += (byte & 127) * scale
      if (byte < 128) return n
      scale *= 128
      if (scale > 2 ** 49) throw new AvroFormatError(`varint too long at byte ${this.position}`)
    }
  }

  intNumber(): number {
    const n = this.varint()
    return n % 2 === 0 ? n / 2 : -(n + 1) / 2
  }

  long(): bigint {
    const buffer = this.buffer
    let p = this.position
    let n = 0
    let scale = 1
    for (let i = 0; i < 7; i++) {
      if (p >= buffer.length) this.truncated()
      const byte = buffer[p++]!
      n += (byte & 127) * scale
      if (byte < 128) {
        this.position = p
        return BigInt(n % 2 === 0 ? n / 2 : -(n + 1) / 2)
      }
      scale *= 128
    }
    return this.longOver49Bits()
  }

  /** A long of 8 to 10 bytes, read as 32-bit halves (as protobufjs does) and joined once into a bigint. */
  private longOver49Bits(): bigint {
    const buffer = this.buffer
    const start = this.position
    if (start + 8 > buffer.length) this.truncated()
    let low = 0
    let p = start
    for (let i = 0; i < 4; i++) low = (low | ((buffer[p++]! & 127) << (i * 7))) >>> 0
    let byte = buffer[p++]!
    low = (low | ((byte & 127) << 28)) >>> 0
    let high = (byte & 127) >> 4
    for (let i = 0; i < 5 && byte >= 128; i++) {
      if (p >= buffer.length) this.truncated()
      byte = buffer[p++]!
      high = (high | ((byte & 127) << (i * 7 + 3))) >>> 0
    }
    if (byte >= 128) throw new AvroFormatError(`long too long at byte ${start}`)
    this.position = p
    const mask = -(low & 1)
    HALVES.setUint32(0, (((low >>> 1) | (high << 31)) ^ mask) >>> 0, true)
    HALVES.setUint32(4, ((high >>> 1) ^ mask) >>> 0, true)
    return HALVES.getBigInt64(0, true)
  }

  longNumber(): number {
    const start = this.position
    let end = start
    while (end < this.buffer.length && this.buffer[end]! >= 128) end++
    if (end - start < 7) return this.intNumber()
    return Number(this.long())
  }

  boolean(): boolean {
    if (this.position >= this.buffer.length) this.truncated()
    return this.buffer[this.position++] !== 0
  }

  float(): number {
    if (this.position + 4 > this.buffer.length) this.truncated()
    const value = this.buffer.readFloatLE(this.position)
    this.position += 4
    return value
  }

  double(): number {
    if (this.position + 8 > this.buffer.length) this.truncated()
    const value = this.buffer.readDoubleLE(this.position)
    this.position += 8
    return value
  }

  private length(): number {
    const length = this.intNumber()
    if (length < 0 || this.position + length > this.buffer.length) {
      throw new AvroFormatError(`length ${length} at byte ${this.position} runs past the end`)
    }
    return length
  }

  string(): string {
    const length = this.length()
    const buffer = this.buffer
    const start = this.position
    this.position += length
    if (length < 24) {
      let text = ''
      for (let i = start; i < start + length; i++) {
        const code = buffer[i]!
        if (code >= 128) return buffer.toString('utf8', start, start + length)
        text += String.fromCharCode(code)
      }
      return text
    }
    return buffer.toString('utf8', start, start + length)
  }

  /** A copy of the next bytes value (never a view on the input). */
  bytes(): Uint8Array {
    const length = this.length()
    const copy = new Uint8Array(length)
    copy.set(this.buffer.subarray(this.position, this.position + length))
    this.position += length
    return copy
  }

  /** Reads a [null, value] union index: false for null. */
  present(): boolean {
    if (this.position >= this.buffer.length) this.truncated()
    const index = this.buffer[this.position++]
    if (index === 2) return true
    if (index === 0) return false
    throw new AvroFormatError(`invalid union index byte ${index} at byte ${this.position - 1}`)
  }

  /** Reads a block count; negative counts carry a byte size, which is skipped. */
  blockCount(): number {
    const count = this.intNumber()
    if (count >= 0) return count
    this.varint()
    return -count
  }
}
