/**
 * Avro binary output: zig-zag varints, longs from bigints (exact over 64 bits),
 * floats and doubles little-endian, length-prefixed strings and bytes, into a
 * buffer that grows. Each method checks the JS type of its value, so a value not
 * in the internal representation fails instead of writing garbage.
 */
const SAFE_HALF = 2 ** 52
const LOW_28_BITS = 2n ** 28n - 1n

/** Thrown by `AvroSink` for a value not in the internal representation of its type. */
export class AvroValueError extends TypeError {}

function wrongValue(value: unknown, expected: string): AvroValueError {
  return new AvroValueError(`expected a ${expected}, got ${value === null ? 'null' : typeof value} ${String(value)}`)
}

/** A growable output buffer. */
export class AvroSink {
  buffer: Buffer
  position = 0

  constructor(initialSize = 64 * 1024) {
    this.buffer = Buffer.allocUnsafe(initialSize)
  }

  ensure(bytes: number): void {
    if (this.position + bytes > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.position + bytes + 1024))
      this.buffer.copy(grown, 0, 0, this.position)
      this.buffer = grown
    }
  }

  byte(value: number): void {
    this.ensure(1)
    this.buffer[this.position++] = value
  }

  boolean(value: boolean): void {
    if (typeof value !== 'boolean') throw wrongValue(value, 'boolean')
    this.byte(value ? 1 : 0)
  }

  /** A non-negative integer below 2^53 as a varint. */
  varint(value: number): void {
    this.ensure(10)
    const buffer = this.buffer
    let n = value
    let p = this.position
    while (n >= 128) {
      buffer[p++] = (n % 128) | 128
      n = Math.floor(n / 128)
    }
    buffer[p++] = n
    this.position = p
  }

  /** An int (|value| < 2^31) or any integer number with |value| < 2^52. */
  intNumber(value: number): void {
    if (typeof value !== 'number') throw wrongValue(value, 'number')
    this.varint(value >= 0 ? value * 2 : -value * 2 - 1)
  }

  /** A long given as a number (timestamps). */
  longNumber(value: number): void {
    if (value > -SAFE_HALF && value < SAFE_HALF) this.intNumber(value)
    else this.long(BigInt(value))
  }

  long(value: bigint): void {
    if (typeof value !== 'bigint') throw wrongValue(value, 'bigint')
    // One conversion decides: a bigint beyond ±2^52 never converts to a number inside it.
    const approximate = Number(value)
    if (approximate > -SAFE_HALF && approximate < SAFE_HALF) {
      this.intNumber(approximate)
      return
    }
    // Zig-zag form in two number halves: 4 bytes of 7 bits, then the upper 36 bits.
    const zigzag = value >= 0n ? value << 1n : ((-value) << 1n) - 1n
    let low = Number(zigzag & LOW_28_BITS)
    this.ensure(10)
    const buffer = this.buffer
    let p = this.position
    for (let i = 0; i < 4; i++) {
      buffer[p++] = (low & 127) | 128
      low >>>= 7
    }
    this.position = p
    this.varint(Number(zigzag >> 28n))
  }

  float(value: number): void {
    if (typeof value !== 'number') throw wrongValue(value, 'number')
    this.ensure(4)
    this.position = this.buffer.writeFloatLE(value, this.position)
  }

  double(value: number): void {
    if (typeof value !== 'number') throw wrongValue(value, 'number')
    this.ensure(8)
    this.position = this.buffer.writeDoubleLE(value, this.position)
  }

  string(value: string): void {
    if (typeof value !== 'string') throw wrongValue(value, 'string')
    const length = value.length
    if (length < 64) {
      // Short ASCII strings (most column values) are copied char by char.
      this.ensure(length + 1)
      const buffer = this.buffer
      let p = this.position + 1
      let ascii = true
      for (let i = 0; i < length; i++) {
        const code = value.charCodeAt(i)
        if (code >= 128) { ascii = false; break }
        buffer[p++] = code
      }
      if (ascii) {
        buffer[this.position] = length * 2
        this.position = p
        return
      }
    }
    const byteLength = Buffer.byteLength(value, 'utf8')
    this.varint(byteLength * 2)
    this.ensure(byteLength)
    this.position += this.buffer.write(value, this.position, byteLength, 'utf8')
  }

  bytes(value: Uint8Array): void {
    if (!(value instanceof Uint8Array)) throw wrongValue(value, 'Uint8Array')
    this.varint(value.length * 2)
    this.ensure(value.length)
    this.buffer.set(value, this.position)
    this.position += value.length
  }
}
