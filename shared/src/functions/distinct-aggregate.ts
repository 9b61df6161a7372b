import type { ResolvedAggregateFunction } from './function-types.js'
import { valueKey } from './value-ordering.js'

/**
 * `f(DISTINCT args)` for any aggregate `f`: the buffer is a Map from the key of each
 * distinct argument tuple to the tuple (cloneable, and merged by union, so the answer
 * does not depend on how rows were partitioned); `evaluate` folds the distinct tuples
 * into `f` in key order.
 */
export function distinctAggregate(inner: ResolvedAggregateFunction): ResolvedAggregateFunction {
  return {
    inputTypes: inner.inputTypes,
    dataType: inner.dataType,
    nullable: inner.nullable,
    init: () => new Map<string, unknown[]>(),
    update(buffer, args) {
      const seen = buffer as Map<string, unknown[]>
      const key = args.length === 1 ? valueKey(args[0]) : valueKey(args)
      if (!seen.has(key)) seen.set(key, [...args])
      return seen
    },
    merge(left, right) {
      const merged = new Map(left as Map<string, unknown[]>)
      for (const [key, args] of right as Map<string, unknown[]>) if (!merged.has(key)) merged.set(key, args)
      return merged
    },
    evaluate(buffer) {
      const seen = buffer as Map<string, unknown[]>
      const keys = [...seen.keys()].sort()
      let inner_buffer = inner.init()
      for (const key of keys) inner_buffer = inner.update(inner_buffer, seen.get(key)!)
      return inner.evaluate(inner_buffer)
    },
  }
}
