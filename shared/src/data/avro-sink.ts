/**
 * Avro binary output: zig-zag varints, longs from bigints (exact over 64 bits),
 * floats and doubles little-endian, length-prefixed strings and bytes, into a
 * buffer that grows. Each method checks the JS type of its value, so a value not
 * in the internal representation fails instead of writing garbage.
 */
const SAFE_HALF = 2 ** 52
const LONG_MIN = -(2n ** 63n)
const LONG_MAX = 2n ** 63n - 1n
/** Scratch space to split a bigint into 32-bit halves. */
const HALVES = new DataView(new ArrayBuffer(8))

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
    if (value > LONG_MAX || value < LONG_MIN) throw wrongValue(value, '64-bit bigint')
    // The two's complement halves as numbers, zig-zag and varint on 32-bit halves
    // (as protobufjs does): no bigint arithmetic.
    HALVES.setBigInt64(0, value, true)
    const low = HALVES.getUint32(0, true)
    const high = HALVES.getInt32(4, true)
    const sign = high >> 31
    let zigzagLow = ((low << 1) ^ sign) >>> 0
    let zigzagHigh = (((high << 1) | (low >>> 31)) ^ sign) >>> 0
    this.ensure(10)
    const buffer = this.buffer
    let p = this.position
    while (zigzagHigh !== 0) {
      buffer[p++] = (zigzagLow & 127) | 128
      zigzagLow = ((zigzagLow >>> 7) | (zigzagHigh << 25)) >>> 0
      zigzagHigh >>>= 7
    }
    while (zigzagLow > 127) {
      buffer[p++] = (zigzagLow & 127) | 128
      zigzagLow >>>= 7
    }
    buffer[p++] = zigzagLow
    this.position = p
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
