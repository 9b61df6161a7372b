import { DoubleType } from '../types/data-type.js'
import type { AggregateFunctionDefinition } from './function-types.js'
import { aliasAggregate, defineAggregate, isNumericKind, unexpectedInputType } from './function-support.js'
import { distinctAggregate } from './distinct-aggregate.js'

/** Welford's running moments: count, mean and the sum of squared deviations. */
interface Moments { n: number; mean: number; m2: number }

// Both in the order of operations of Spark's CentralMomentAgg, so results agree to the last bit.
/** Welford's update, in place (a buffer belongs to one group). */
const addValue = (b: Moments, x: number): Moments => {
  const n = b.n + 1
  const delta = x - b.mean
  const deltaN = delta / n
  b.mean += deltaN
  b.m2 += delta * (delta - deltaN)
  b.n = n
  return b
}

/** Chan et al.'s parallel combination of two moment buffers. */
const mergeMoments = (l: Moments, r: Moments): Moments => {
  if (l.n === 0) return r
  if (r.n === 0) return l
  const n = l.n + r.n
  const delta = r.mean - l.mean
  const deltaN = delta / n
  return { n, mean: l.mean + deltaN * r.n, m2: l.m2 + r.m2 + delta * deltaN * l.n * r.n }
}

/**
 * A second-moment aggregate over DOUBLE input. `finish` gets the moments with n ≥ 1;
 * n = 0 gives null. Sample statistics of one row are NULL (Spark 4,
 * spark.sql.legacy.statisticalAggregate=false).
 */
function momentAggregate(name: string, finish: (m: Moments) => number | null): AggregateFunctionDefinition {
  return defineAggregate(name, 1, (args, distinct) => {
    const t = args.types[0]!
    if (!isNumericKind(t) && t.kind !== 'string' && t.kind !== 'null') throw unexpectedInputType(name, 0, '"NUMERIC"', t)
    const resolved = {
      inputTypes: [DoubleType], dataType: DoubleType, nullable: true,
      init: (): Moments => ({ n: 0, mean: 0, m2: 0 }),
      update: (buffer: unknown, a: unknown[]) => (a[0] === null ? buffer : addValue(buffer as Moments, a[0] as number)),
      merge: (l: unknown, r: unknown) => mergeMoments(l as Moments, r as Moments),
      evaluate: (buffer: unknown) => ((buffer as Moments).n === 0 ? null : finish(buffer as Moments)),
    }
    return distinct ? distinctAggregate(resolved) : resolved
  })
}

const sampleVariance = (m: Moments): number | null => (m.n < 2 ? null : m.m2 / (m.n - 1))
const populationVariance = (m: Moments): number => m.m2 / m.n

export const varSampAggregate = momentAggregate('var_samp', sampleVariance)
export const varPopAggregate = momentAggregate('var_pop', populationVariance)
export const stddevSampAggregate = momentAggregate('stddev_samp', (m) => {
  const v = sampleVariance(m)
  return v === null ? null : Math.sqrt(v)
})
export const stddevPopAggregate = momentAggregate('stddev_pop', (m) => Math.sqrt(populationVariance(m)))

export const statisticalAggregates: AggregateFunctionDefinition[] = [
  varSampAggregate, aliasAggregate('variance', varSampAggregate), varPopAggregate,
  stddevSampAggregate, aliasAggregate('stddev', stddevSampAggregate), aliasAggregate('std', stddevSampAggregate),
  stddevPopAggregate,
]
