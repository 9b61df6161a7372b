import type { DataType } from '../types/data-type.js'
import { DoubleType } from '../types/data-type.js'
import type { AggregateFunctionDefinition, ResolvedAggregateFunction } from './function-types.js'
import { defineAggregate, isNumericKind, unexpectedInputType } from './function-support.js'
import { distinctAggregate } from './distinct-aggregate.js'
import { compareValues, valueKey } from './value-ordering.js'
import { isIntegralKind } from './numeric-types.js'

const withDistinct = (resolved: ResolvedAggregateFunction, distinct: boolean): ResolvedAggregateFunction =>
  distinct ? distinctAggregate(resolved) : resolved

function requireNumeric(name: string, types: readonly DataType[]): void {
  types.forEach((t, i) => {
    if (!isNumericKind(t) && t.kind !== 'null' && t.kind !== 'string') throw unexpectedInputType(name, i, '"NUMERIC"', t)
  })
}

/** Co-moments of (x, y) pairs, merged with Chan et al.'s formulas. */
interface CoMoments { n: number; meanX: number; meanY: number; cxy: number; m2x: number; m2y: number }

const addPair = (b: CoMoments, x: number, y: number): CoMoments => {
  b.n++
  const dx = x - b.meanX
  b.meanX += dx / b.n
  const dy = y - b.meanY
  b.meanY += dy / b.n
  b.cxy += dx * (y - b.meanY)
  b.m2x += dx * (x - b.meanX)
  b.m2y += dy * (y - b.meanY)
  return b
}

const mergeCoMoments = (a: CoMoments, b: CoMoments): CoMoments => {
  if (a.n === 0) return { ...b }
  if (b.n === 0) return { ...a }
  const n = a.n + b.n
  const dx = b.meanX - a.meanX
  const dy = b.meanY - a.meanY
  const weight = (a.n * b.n) / n
  return {
    n,
    meanX: a.meanX + (dx * b.n) / n,
    meanY: a.meanY + (dy * b.n) / n,
    cxy: a.cxy + b.cxy + dx * dy * weight,
    m2x: a.m2x + b.m2x + dx * dx * weight,
    m2y: a.m2y + b.m2y + dy * dy * weight,
  }
}

/** A (y, x) pair aggregate over DOUBLEs; rows with a null in either are skipped. */
function pairAggregate(name: string, finish: (m: CoMoments) => number | null): AggregateFunctionDefinition {
  return defineAggregate(name, 2, (args, distinct) => {
    requireNumeric(name, args.types)
    return withDistinct({
      inputTypes: [DoubleType, DoubleType], dataType: DoubleType, nullable: true,
      init: (): CoMoments => ({ n: 0, meanX: 0, meanY: 0, cxy: 0, m2x: 0, m2y: 0 }),
      update: (buffer, a) => (a[0] === null || a[1] === null ? buffer : addPair(buffer as CoMoments, a[0] as number, a[1] as number)),
      merge: (l, r) => mergeCoMoments(l as CoMoments, r as CoMoments),
      evaluate: (buffer) => ((buffer as CoMoments).n === 0 ? null : finish(buffer as CoMoments)),
    }, distinct)
  })
}

/** `covar_pop(x, y)`, `covar_samp(x, y)` (null for one pair) and `corr(x, y)` (Pearson; null for one pair or zero variance). */
export const covarPopAggregate = pairAggregate('covar_pop', (m) => m.cxy / m.n)
export const covarSampAggregate = pairAggregate('covar_samp', (m) => (m.n < 2 ? null : m.cxy / (m.n - 1)))
export const corrAggregate = pairAggregate('corr', (m) => (m.n < 2 || m.m2x === 0 || m.m2y === 0 ? null : m.cxy / Math.sqrt(m.m2x * m.m2y)))

/** Central moments up to the fourth, merged with Pébay's formulas. */
interface HighMoments { n: number; mean: number; m2: number; m3: number; m4: number }

const addHigh = (b: HighMoments, x: number): HighMoments => {
  const n1 = b.n
  b.n++
  const n = b.n
  const delta = x - b.mean
  const deltaN = delta / n
  const deltaN2 = deltaN * deltaN
  const term1 = delta * deltaN * n1
  b.mean += deltaN
  b.m4 += term1 * deltaN2 * (n * n - 3 * n + 3) + 6 * deltaN2 * b.m2 - 4 * deltaN * b.m3
  b.m3 += term1 * deltaN * (n - 2) - 3 * deltaN * b.m2
  b.m2 += term1
  return b
}

const mergeHigh = (a: HighMoments, b: HighMoments): HighMoments => {
  if (a.n === 0) return { ...b }
  if (b.n === 0) return { ...a }
  const n = a.n + b.n
  const delta = b.mean - a.mean
  const d2 = delta * delta
  return {
    n,
    mean: a.mean + (delta * b.n) / n,
    m2: a.m2 + b.m2 + (d2 * a.n * b.n) / n,
    m3: a.m3 + b.m3 + (d2 * delta * a.n * b.n * (a.n - b.n)) / (n * n) + (3 * delta * (a.n * b.m2 - b.n * a.m2)) / n,
    m4: a.m4 + b.m4 + (d2 * d2 * a.n * b.n * (a.n * a.n - a.n * b.n + b.n * b.n)) / (n * n * n) +
      (6 * d2 * (a.n * a.n * b.m2 + b.n * b.n * a.m2)) / (n * n) + (4 * delta * (a.n * b.m3 - b.n * a.m3)) / n,
  }
}

function highMomentAggregate(name: string, finish: (m: HighMoments) => number | null): AggregateFunctionDefinition {
  return defineAggregate(name, 1, (args, distinct) => {
    requireNumeric(name, args.types)
    return withDistinct({
      inputTypes: [DoubleType], dataType: DoubleType, nullable: true,
      init: (): HighMoments => ({ n: 0, mean: 0, m2: 0, m3: 0, m4: 0 }),
      update: (buffer, a) => (a[0] === null ? buffer : addHigh(buffer as HighMoments, a[0] as number)),
      merge: (l, r) => mergeHigh(l as HighMoments, r as HighMoments),
      evaluate: (buffer) => ((buffer as HighMoments).n === 0 || (buffer as HighMoments).m2 === 0 ? null : finish(buffer as HighMoments)),
    }, distinct)
  })
}

/** `skewness(x)`: √n·m3 / m2^1.5; `kurtosis(x)`: n·m4 / m2² − 3 (excess). Null without rows or with zero variance. */
export const skewnessAggregate = highMomentAggregate('skewness', (m) => (Math.sqrt(m.n) * m.m3) / Math.sqrt(m.m2 * m.m2 * m.m2))
export const kurtosisAggregate = highMomentAggregate('kurtosis', (m) => (m.n * m.m4) / (m.m2 * m.m2) - 3)

/** `product(x)`: the product of the non-null values as DOUBLE. */
export const productAggregate = defineAggregate('product', 1, (args, distinct) => {
  requireNumeric('product', args.types)
  return withDistinct({
    inputTypes: [DoubleType], dataType: DoubleType, nullable: true,
    init: () => null,
    update: (b, a) => (a[0] === null ? b : b === null ? a[0] : (b as number) * (a[0] as number)),
    merge: (l, r) => (l === null ? r : r === null ? l : (l as number) * (r as number)),
    evaluate: (b) => b,
  }, distinct)
})

/** `bit_and`/`bit_or`/`bit_xor(x)`: bitwise folds of an integral column, in its type. */
function bitAggregate(name: string, op: (a: bigint, b: bigint) => bigint): AggregateFunctionDefinition {
  return defineAggregate(name, 1, (args, distinct) => {
    const t = args.types[0]!
    if (!isIntegralKind(t.kind)) throw unexpectedInputType(name, 0, '"INTEGRAL"', t)
    const big = (v: unknown): bigint => (typeof v === 'bigint' ? v : BigInt(v as number))
    const combine = (l: unknown, r: unknown): unknown => {
      if (l === null) return r
      if (r === null) return l
      const v = op(big(l), big(r))
      return t.kind === 'long' ? BigInt.asIntN(64, v) : Number(BigInt.asIntN(32, v))
    }
    return withDistinct({
      dataType: t, nullable: true,
      init: () => null,
      update: (b, a) => combine(b, a[0]),
      merge: combine,
      evaluate: (b) => b,
    }, distinct)
  })
}

export const bitAndAggregate = bitAggregate('bit_and', (a, b) => a & b)
export const bitOrAggregate = bitAggregate('bit_or', (a, b) => a | b)
export const bitXorAggregate = bitAggregate('bit_xor', (a, b) => a ^ b)

interface ModeEntry { value: unknown; count: number }

/** `mode(x)`: the most frequent non-null value; ties go to the smallest value (Spark leaves ties unspecified). */
export const modeAggregate = defineAggregate('mode', [1, 2], (args, distinct) => withDistinct({
  dataType: args.types[0]!, nullable: true,
  init: () => new Map<string, ModeEntry>(),
  update(buffer, a) {
    if (a[0] === null) return buffer
    const counts = buffer as Map<string, ModeEntry>
    const key = valueKey(a[0])
    const entry = counts.get(key)
    if (entry === undefined) counts.set(key, { value: a[0], count: 1 })
    else entry.count++
    return counts
  },
  merge(l, r) {
    const merged = new Map<string, ModeEntry>()
    for (const [k, e] of l as Map<string, ModeEntry>) merged.set(k, { ...e })
    for (const [k, e] of r as Map<string, ModeEntry>) {
      const existing = merged.get(k)
      if (existing === undefined) merged.set(k, { ...e })
      else existing.count += e.count
    }
    return merged
  },
  evaluate(buffer) {
    let best: ModeEntry | null = null
    for (const e of (buffer as Map<string, ModeEntry>).values()) {
      if (best === null || e.count > best.count || (e.count === best.count && compareValues(e.value, best.value) < 0)) best = e
    }
    return best === null ? null : best.value
  },
}, distinct))

export const moreAggregates: AggregateFunctionDefinition[] = [
  covarPopAggregate, covarSampAggregate, corrAggregate, skewnessAggregate, kurtosisAggregate, productAggregate,
  bitAndAggregate, bitOrAggregate, bitXorAggregate, modeAggregate,
]
