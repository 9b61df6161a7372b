/**
 * Spark's `XORShiftRandom` (what `rand(seed)`/`randn(seed)` use, seeded with
 * seed + partition index): the seed is scrambled with Scala's MurmurHash3
 * `bytesHash` of its 8 big-endian bytes, then each draw is a 64-bit xorshift step;
 * `nextDouble` and `nextGaussian` follow `java.util.Random`.
 */
const MASK64 = (1n << 64n) - 1n

function mixLast(hash: number, data: number): number {
  let k = Math.imul(data, 0xcc9e2d51)
  k = (k << 15) | (k >>> 17)
  k = Math.imul(k, 0x1b873593)
  return hash ^ k
}

function mix(hash: number, data: number): number {
  let h = mixLast(hash, data)
  h = (h << 13) | (h >>> 19)
  return (Math.imul(h, 5) + 0xe6546b64) | 0
}

function avalanche(hash: number): number {
  let h = hash
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h
}

/** Scala's `MurmurHash3.bytesHash`. */
function bytesHash(data: Uint8Array, seed: number): number {
  let h = seed
  let i = 0
  let len = data.length
  while (len >= 4) {
    const k = data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24)
    h = mix(h, k)
    i += 4
    len -= 4
  }
  let k = 0
  if (len === 3) k ^= data[i + 2]! << 16
  if (len >= 2) k ^= data[i + 1]! << 8
  if (len >= 1) {
    k ^= data[i]!
    h = mixLast(h, k)
  }
  return avalanche(h ^ data.length)
}

const ARRAY_SEED = 0x3c074a61

/** XORShiftRandom.hashSeed. */
function hashSeed(seed: bigint): bigint {
  const bytes = new Uint8Array(8)
  new DataView(bytes.buffer).setBigInt64(0, BigInt.asIntN(64, seed))
  const lowBits = bytesHash(bytes, ARRAY_SEED)
  const highBits = bytesHash(bytes, lowBits)
  return BigInt.asIntN(64, (BigInt(highBits) << 32n) | (BigInt(lowBits) & 0xffffffffn))
}

/** A stream of Spark's pseudo-random numbers for one seed (and partition 0). */
export class SparkRandom {
  private seed: bigint
  private nextNextGaussian: number | null = null

  constructor(seed: bigint) {
    this.seed = hashSeed(seed)
  }

  private next(bits: number): number {
    let s = this.seed & MASK64
    s ^= (s << 21n) & MASK64
    s ^= s >> 35n
    s ^= (s << 4n) & MASK64
    this.seed = s
    return Number(BigInt.asIntN(32, s & ((1n << BigInt(bits)) - 1n)))
  }

  /** java.util.Random#nextDouble over this generator's `next`. */
  nextDouble(): number {
    return (this.next(26) * 2 ** 27 + this.next(27)) * 2 ** -53
  }

  /** java.util.Random#nextGaussian (polar method). */
  nextGaussian(): number {
    if (this.nextNextGaussian !== null) {
      const g = this.nextNextGaussian
      this.nextNextGaussian = null
      return g
    }
    let v1: number, v2: number, s: number
    do {
      v1 = 2 * this.nextDouble() - 1
      v2 = 2 * this.nextDouble() - 1
      s = v1 * v1 + v2 * v2
    } while (s >= 1 || s === 0)
    const multiplier = Math.sqrt((-2 * Math.log(s)) / s)
    this.nextNextGaussian = v2 * multiplier
    return v1 * multiplier
  }
}
