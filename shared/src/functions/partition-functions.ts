import { LongType } from '../types/data-type.js'
import { defineScalar, lenient } from './function-support.js'
import type { ScalarFunctionDefinition } from './function-types.js'

/**
 * `monotonically_increasing_id()`: Spark's MonotonicallyIncreasingID, the partition
 * index in the upper 31 bits and the row's position within its partition in the
 * lower 33 (`(partitionIndex << 33) + n`). A task of the embedded engine is
 * partition 0, so a query's rows are numbered 0, 1, 2, … in the order they flow;
 * each compiled expression (one per operator per task) counts on its own.
 */
export const monotonicallyIncreasingIdFunction = defineScalar('monotonically_increasing_id', 0, () => {
  const partitionMask = 0n << 33n
  let count = 0n
  return lenient([], LongType, () => partitionMask + count++, false)
})

export const partitionFunctions: ScalarFunctionDefinition[] = [monotonicallyIncreasingIdFunction]
