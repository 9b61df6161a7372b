import type { DataType } from '../types/data-type.js'
import { IntegerType } from '../types/data-type.js'
import type { ScalarFunctionDefinition } from './function-types.js'
import { defineScalar, lenient } from './function-support.js'

/**
 * Spark's `hash(...)`: Murmur3_x86_32 with seed 42, folding the arguments in order
 * (each argument's hash is the seed of the next) and hashing values by their internal
 * type exactly as Spark's HashExpression does, so results equal Spark's.
 */
const C1 = 0xcc9e2d51
const C2 = 0x1b873593

const mixK1 = (k: number): number => {
  k = Math.imul(k, C1)
  k = (k << 15) | (k >>> 17)
  return Math.imul(k, C2)
}

const mixH1 = (h: number, k: number): number => {
  h ^= k
  h = (h << 13) | (h >>> 19)
  return (Math.imul(h, 5) + 0xe6546b64) | 0
}

const fmix = (h: number, length: number): number => {
  h ^= length
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h | 0
}

export const murmur3HashInt = (value: number, seed: number): number => fmix(mixH1(seed, mixK1(value | 0)), 4)

export function murmur3HashLong(value: bigint, seed: number): number {
  const low = Number(BigInt.asIntN(32, value))
  const high = Number(BigInt.asIntN(32, value >> 32n))
  return fmix(mixH1(mixH1(seed, mixK1(low)), mixK1(high)), 8)
}

/** Spark's `hashUnsafeBytes`: 4-byte little-endian words, then each trailing byte (signed) on its own. */
export function murmur3HashBytes(bytes: Uint8Array, seed: number): number {
  const aligned = bytes.length - (bytes.length % 4)
  let h = seed
  for (let i = 0; i < aligned; i += 4) {
    const word = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24)
    h = mixH1(h, mixK1(word))
  }
  for (let i = aligned; i < bytes.length; i++) h = mixH1(h, mixK1((bytes[i]! << 24) >> 24))
  return fmix(h, bytes.length)
}

const scratch = new DataView(new ArrayBuffer(8))

/** Java's BigInteger.toByteArray: minimal big-endian two's complement. */
function bigIntegerBytes(value: bigint): Uint8Array {
  const magnitudeBits = (value < 0n ? -value - 1n : value).toString(2).length
  const bits = Math.ceil((magnitudeBits + 1) / 8) * 8
  const hex = BigInt.asUintN(bits, value).toString(16).padStart(bits / 4, '0')
  return new Uint8Array(Buffer.from(hex, 'hex'))
}

/** The hash of one value of type `t` with `seed` (null leaves the seed unchanged). */
export function sparkHashValue(value: unknown, t: DataType, seed: number): number {
  if (value === null || value === undefined) return seed
  switch (t.kind) {
    case 'boolean': return murmur3HashInt(value ? 1 : 0, seed)
    case 'byte': case 'short': case 'integer': case 'date': case 'year_month_interval': return murmur3HashInt(value as number, seed)
    case 'long': case 'timestamp': case 'timestamp_ntz': case 'day_time_interval': case 'time': return murmur3HashLong(typeof value === 'bigint' ? value : BigInt(value as number), seed)
    case 'float': {
      const f = value as number
      scratch.setFloat32(0, f === 0 ? 0 : Number.isNaN(f) ? NaN : f)
      return murmur3HashInt(Number.isNaN(f) ? 0x7fc00000 : scratch.getInt32(0), seed)
    }
    case 'double': {
      const d = value as number
      if (Number.isNaN(d)) return murmur3HashLong(0x7ff8000000000000n, seed)
      scratch.setFloat64(0, d === 0 ? 0 : d)
      return murmur3HashLong(scratch.getBigInt64(0), seed)
    }
    case 'decimal':
      return t.precision <= 18 ? murmur3HashLong(value as bigint, seed) : murmur3HashBytes(bigIntegerBytes(value as bigint), seed)
    case 'string': return murmur3HashBytes(Buffer.from(value as string, 'utf8'), seed)
    case 'binary': return murmur3HashBytes(value as Uint8Array, seed)
    case 'array': {
      let h = seed
      for (const v of value as unknown[]) h = sparkHashValue(v, t.elementType, h)
      return h
    }
    case 'map': {
      let h = seed
      for (const [k, v] of value as Map<unknown, unknown>) {
        h = sparkHashValue(k, t.keyType, h)
        h = sparkHashValue(v, t.valueType, h)
      }
      return h
    }
    case 'struct': {
      let h = seed
      t.fields.forEach((f, i) => { h = sparkHashValue((value as unknown[])[i], f.dataType, h) })
      return h
    }
    default: return seed
  }
}

/** `hash(a, b, ...)`: Spark's Murmur3 hash of the arguments (INT, never null). */
export const hashFunction = defineScalar('hash', [1, Infinity], (args) =>
  lenient(undefined, IntegerType, (a) => {
    let h = 42
    for (let i = 0; i < a.length; i++) h = sparkHashValue(a[i], args.types[i]!, h)
    return h
  }, false))

export const hashFunctions: ScalarFunctionDefinition[] = [hashFunction]
