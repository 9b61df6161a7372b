import { LongType } from '../types/data-type.js'
import { AnalysisError } from '../errors/sluice-error.js'
import type { AggregateFunctionDefinition } from './function-types.js'
import { defineAggregate, numericConstant } from './function-support.js'
import { valueKey } from './value-ordering.js'

/** Up to this many distinct values the buffer keeps the exact set and the answer is exact. */
export const APPROX_COUNT_DISTINCT_EXACT_LIMIT = 1024

/** HyperLogLog buffer: the exact key set while small, then 2^p registers. */
interface SketchBuffer { keys: Set<string> | null; registers: Uint8Array | null }

/** 32-bit MurmurHash3 (x86) of the UTF-16 code units of `text`. */
export function murmur3String(text: string, seed: number): number {
  let h = seed >>> 0
  for (let i = 0; i < text.length; i++) {
    let k = Math.imul(text.charCodeAt(i), 0xcc9e2d51)
    k = (k << 15) | (k >>> 17)
    k = Math.imul(k, 0x1b873593)
    h ^= k
    h = (h << 13) | (h >>> 19)
    h = (Math.imul(h, 5) + 0xe6546b64) | 0
  }
  h ^= text.length
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/** Spark's register-count choice: p = ceil(2 log2(1.106 / rsd)), at least 4. */
export const hllPrecision = (relativeSD: number): number => Math.max(4, Math.ceil(2 * Math.log2(1.106 / relativeSD)))

function addToRegisters(registers: Uint8Array, p: number, key: string): void {
  const index = murmur3String(key, 42) >>> (32 - p)
  const rank = Math.clz32(murmur3String(key, 0x9747b28c)) + 1
  if (rank > registers[index]!) registers[index] = rank
}

/** The HyperLogLog estimate with linear counting for small cardinalities. */
export function hllEstimate(registers: Uint8Array): number {
  const m = registers.length
  let sum = 0
  let zeros = 0
  for (const r of registers) {
    sum += 2 ** -r
    if (r === 0) zeros++
  }
  const alpha = 0.7213 / (1 + 1.079 / m)
  const raw = (alpha * m * m) / sum
  if (raw <= 2.5 * m && zeros > 0) return Math.round(m * Math.log(m / zeros))
  return Math.round(raw)
}

/**
 * `approx_count_distinct(x[, rsd])` (alias `approx_count_distinct`): the number of
 * distinct non-null values. Exact up to APPROX_COUNT_DISTINCT_EXACT_LIMIT distinct
 * values; beyond, HyperLogLog with p = ceil(2·log2(1.106/rsd)) registers (rsd default
 * 0.05 → 512 registers), with linear counting for small estimates but without HLL++'s
 * empirical bias tables. Registers depend only on the set of values, so merging
 * partial buffers gives exactly the single-pass answer. Result BIGINT, never null.
 */
export const approxCountDistinctAggregate: AggregateFunctionDefinition = defineAggregate('approx_count_distinct', [1, 2], (args) => {
  let rsd = 0.05
  if (args.types.length === 2) {
    const n = numericConstant(args.constants[1], args.types[1])
    if (!Number.isFinite(n) || n <= 0) {
      throw new AnalysisError('DATATYPE_MISMATCH.NON_FOLDABLE_INPUT',
        'The second argument of approx_count_distinct (relativeSD) must be a positive constant.', { functionName: 'approx_count_distinct' })
    }
    rsd = n
  }
  const p = hllPrecision(rsd)
  const toRegisters = (keys: Iterable<string>, registers: Uint8Array = new Uint8Array(1 << p)): Uint8Array => {
    for (const k of keys) addToRegisters(registers, p, k)
    return registers
  }
  return {
    dataType: LongType, nullable: false,
    init: (): SketchBuffer => ({ keys: new Set(), registers: null }),
    update(buffer, a) {
      const b = buffer as SketchBuffer
      if (a[0] === null) return b
      const key = valueKey(a[0])
      if (b.keys !== null) {
        b.keys.add(key)
        if (b.keys.size > APPROX_COUNT_DISTINCT_EXACT_LIMIT) return { keys: null, registers: toRegisters(b.keys) }
        return b
      }
      addToRegisters(b.registers!, p, key)
      return b
    },
    merge(left, right) {
      const l = left as SketchBuffer
      const r = right as SketchBuffer
      if (l.keys !== null && r.keys !== null) {
        const keys = new Set([...l.keys, ...r.keys])
        return keys.size > APPROX_COUNT_DISTINCT_EXACT_LIMIT ? { keys: null, registers: toRegisters(keys) } : { keys, registers: null }
      }
      const registers = l.registers !== null ? Uint8Array.from(l.registers) : toRegisters(l.keys!)
      if (r.registers !== null) r.registers.forEach((v, i) => { if (v > registers[i]!) registers[i] = v })
      else toRegisters(r.keys!, registers)
      return { keys: null, registers }
    },
    evaluate(buffer) {
      const b = buffer as SketchBuffer
      return BigInt(b.keys !== null ? b.keys.size : hllEstimate(b.registers!))
    },
  }
})
