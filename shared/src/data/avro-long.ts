/**
 * An avsc `long` that reads and writes `bigint`, exact over the whole 64-bit range
 * (avsc's own long throws beyond 2^53). It works on the raw zig-zag varint bytes
 * (`noUnpack`), with number arithmetic while the value fits 53 bits.
 */
import avro from 'avsc'

const LONG_MIN = -(2n ** 63n)
const LONG_MAX = 2n ** 63n - 1n
/** Values in (-2^52, 2^52) have a zig-zag form below 2^53. */
const SAFE_HALF = 2n ** 52n
/** Scratch space for one varint; avsc copies it into its output at once. */
const scratch = Buffer.alloc(10)

/** Zig-zag varint bytes (as Avro writes a long) of a 64-bit bigint. */
export function encodeLongVarint(value: bigint): Buffer {
  let length = 0
  if (value > -SAFE_HALF && value < SAFE_HALF) {
    // One conversion, then number arithmetic: the zig-zag value stays below 2^53.
    const v = Number(value)
    let n = v >= 0 ? v * 2 : -v * 2 - 1
    while (n >= 128) {
      scratch[length++] = (n % 128) | 128
      n = Math.floor(n / 128)
    }
    scratch[length++] = n
  } else {
    let n = value >= 0n ? value << 1n : ((-value) << 1n) - 1n
    while (n >= 128n) {
      scratch[length++] = Number(n & 127n) | 128
      n >>= 7n
    }
    scratch[length++] = Number(n)
  }
  return scratch.subarray(0, length)
}

/** The bigint of zig-zag varint bytes. */
export function decodeLongVarint(bytes: Uint8Array): bigint {
  if (bytes.length <= 7) {
    let n = 0
    let scale = 1
    for (let i = 0; i < bytes.length; i++) {
      n += (bytes[i]! & 127) * scale
      scale *= 128
    }
    return BigInt(n % 2 === 0 ? n / 2 : -(n + 1) / 2)
  }
  let n = 0n
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 7n) | BigInt(bytes[i]! & 127)
  return (n & 1n) === 0n ? n >> 1n : -((n + 1n) >> 1n)
}

/** The avsc type to register as `long` (`registry: { long: bigintLongType }`). */
export const bigintLongType: avro.types.LongType = avro.types.LongType.__with({
  fromBuffer: (bytes: Buffer) => decodeLongVarint(bytes),
  toBuffer: (value: bigint) => encodeLongVarint(value),
  fromJSON: (value: unknown) => BigInt(value as string | number),
  toJSON: (value: bigint) => (value >= -9_007_199_254_740_991n && value <= 9_007_199_254_740_991n ? Number(value) : value.toString()),
  isValid: (value: unknown) => typeof value === 'bigint' && value >= LONG_MIN && value <= LONG_MAX,
  compare: (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0),
}, true)
