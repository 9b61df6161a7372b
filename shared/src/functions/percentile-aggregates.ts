import type { DataType } from '../types/data-type.js'
import { ArrayType, DoubleType } from '../types/data-type.js'
import { AnalysisError } from '../errors/sluice-error.js'
import type { AggregateFunctionDefinition, FunctionArgs } from './function-types.js'
import { defineAggregate, isNumericKind, numericConstant, unexpectedInputType } from './function-support.js'
import { distinctAggregate } from './distinct-aggregate.js'
import { compareValues, isOrderable } from './value-ordering.js'

/** The percentage argument: one constant in [0, 1], or a constant array of them. */
function percentagesArg(name: string, args: FunctionArgs): { values: number[]; array: boolean } {
  const raw = args.constants[1]
  const t = args.types[1]
  const list = Array.isArray(raw) ? raw : [raw]
  const elementType = t?.kind === 'array' ? t.elementType : t
  const values = list.map((v) => numericConstant(v, elementType))
  if (values.length === 0 || values.some((v) => !(v >= 0 && v <= 1))) {
    throw new AnalysisError('DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE',
      `Cannot resolve "${name}(...)" due to data type mismatch: the percentage must be a constant between 0.0 and 1.0 (or an array of them), but got ${String(raw)}.`, { functionName: name })
  }
  return { values, array: Array.isArray(raw) }
}

const toDouble = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : (v as number))

/**
 * `percentile_approx(x, percentage[, accuracy])`/`approx_percentile`: the smallest
 * value whose rank is at least ceil(percentage · n), as Spark's quantile summaries
 * answer when they are exact. Sluice keeps every value (exact, memory O(n) per
 * group; `accuracy` is accepted and ignored). Result: x's type, or an array of it.
 */
function percentileApprox(name: string): AggregateFunctionDefinition {
  return defineAggregate(name, [2, 3], (args, distinct) => {
    const t = args.types[0]!
    if (!isOrderable(t) || t.kind === 'string' || t.kind === 'boolean') throw unexpectedInputType(name, 0, '"NUMERIC" or "DATE" or "TIMESTAMP"', t)
    const { values: percentages, array } = percentagesArg(name, args)
    const resolved = {
      dataType: (array ? ArrayType(t, false) : t) as DataType,
      nullable: true,
      init: (): unknown[] => [],
      update(buffer: unknown, a: unknown[]) {
        if (a[0] !== null) (buffer as unknown[]).push(a[0])
        return buffer
      },
      merge: (l: unknown, r: unknown) => [...(l as unknown[]), ...(r as unknown[])],
      evaluate(buffer: unknown) {
        const sorted = [...(buffer as unknown[])].sort(compareValues)
        if (sorted.length === 0) return null
        const pick = (p: number): unknown => sorted[Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length))) - 1]
        return array ? percentages.map(pick) : pick(percentages[0]!)
      },
    }
    return distinct ? distinctAggregate(resolved) : resolved
  })
}

export const percentileApproxAggregate = percentileApprox('percentile_approx')
export const approxPercentileAggregate = percentileApprox('approx_percentile')

/** `percentile(x, percentage)`: exact, linearly interpolated between neighbours (DOUBLE). `median(x)` is percentile 0.5. */
function exactPercentile(name: string, fixed: number | null): AggregateFunctionDefinition {
  return defineAggregate(name, fixed === null ? [2, 3] : 1, (args, distinct) => {
    const t = args.types[0]!
    if (!isNumericKind(t) && t.kind !== 'null') throw unexpectedInputType(name, 0, '"NUMERIC"', t)
    const { values: percentages, array } = fixed === null ? percentagesArg(name, args) : { values: [fixed], array: false }
    const resolved = {
      inputTypes: [DoubleType, ...args.types.slice(1)],
      dataType: (array ? ArrayType(DoubleType, false) : DoubleType) as DataType,
      nullable: true,
      init: (): number[] => [],
      update(buffer: unknown, a: unknown[]) {
        if (a[0] !== null) (buffer as number[]).push(toDouble(a[0]))
        return buffer
      },
      merge: (l: unknown, r: unknown) => [...(l as number[]), ...(r as number[])],
      evaluate(buffer: unknown) {
        const sorted = [...(buffer as number[])].sort(compareValues)
        if (sorted.length === 0) return null
        const at = (p: number): number => {
          const position = p * (sorted.length - 1)
          const lower = Math.floor(position)
          const upper = Math.ceil(position)
          return lower === upper ? sorted[lower]! : sorted[lower]! + (position - lower) * (sorted[upper]! - sorted[lower]!)
        }
        return array ? percentages.map(at) : at(percentages[0]!)
      },
    }
    return distinct ? distinctAggregate(resolved) : resolved
  })
}

export const percentileAggregate = exactPercentile('percentile', null)
export const medianAggregate = exactPercentile('median', 0.5)

export const percentileAggregates: AggregateFunctionDefinition[] = [
  percentileApproxAggregate, approxPercentileAggregate, percentileAggregate, medianAggregate,
]
