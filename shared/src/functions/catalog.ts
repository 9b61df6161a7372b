/**
 * The function catalog: Spark's built-in functions by name, with Spark's result
 * types, null semantics and ANSI behaviour (`context.ansi`). The expression compiler
 * looks names up here (case-insensitively), calls `resolve` with the argument types,
 * constants and session context, casts the arguments to `inputTypes`, and calls
 * `invoke` per row (not at all when `nullIntolerant` and an argument is null).
 *
 * Not here, on purpose: operators (`+`, `=`, LIKE, IN, CAST, CASE, ...); the lazy
 * conditionals `coalesce`, `nvl`, `ifnull`, `nvl2`, `if`, `nullif` and the
 * constructors `array`, `map`, `struct`, `named_struct` (the compiler's built-ins:
 * they need lazy evaluation or argument names; definitions exist in
 * `conditional-functions.ts` and `collection-functions.ts` for direct use); and
 * generators (`explode`, `posexplode`, `inline`, `json_tuple`), which the planner expands.
 *
 * Aggregate buffers are structured-cloneable (numbers, bigints, plain objects,
 * arrays, Map, Set, Uint8Array). `update` may mutate the buffer it is given (a buffer
 * from `init()` belongs to one group); `merge` never mutates its inputs but may
 * return one of them; merging is exact, so partial and state merging give the
 * single-pass answer (up to floating-point summation order).
 */
import type { AggregateFunctionDefinition, ScalarFunctionDefinition } from './function-types.js'
import { aggregateFunctions } from './aggregate-functions.js'
import { stringFunctions } from './string-functions.js'
import { regexpFunctions } from './regexp-functions.js'
import { binaryFunctions } from './binary-functions.js'
import { mathFunctions } from './math-functions.js'
import { datetimeFunctions, extraDatetimeFunctions, moreDatetimeFunctions } from './datetime-functions.js'
import { moreStringFunctions } from './more-string-functions.js'
import { windowFunctions } from './window-functions.js'
import { conditionalFunctions } from './conditional-functions.js'
import { collectionFunctions } from './collection-functions.js'
import { conversionFunctions } from './conversion-functions.js'
import { jsonFunctions } from './json-functions.js'
import { toNumberFunctions } from './to-number-functions.js'
import { tryFunctions } from './try-functions.js'
import { hashFunctions } from './hash-functions.js'
import { partitionFunctions } from './partition-functions.js'
import { intervalFunctions } from './interval-functions.js'
import { timeFunctions } from './time-functions.js'

/** Every scalar function Sluice knows, one entry per Spark name (aliases are separate entries). */
export const scalarFunctionCatalog: ScalarFunctionDefinition[] = [
  ...partitionFunctions,
  ...stringFunctions,
  ...regexpFunctions,
  ...binaryFunctions,
  ...mathFunctions,
  ...datetimeFunctions,
  ...moreDatetimeFunctions,
  ...extraDatetimeFunctions,
  ...intervalFunctions,
  ...timeFunctions,
  ...moreStringFunctions,
  ...windowFunctions,
  ...conditionalFunctions,
  ...collectionFunctions,
  ...conversionFunctions,
  ...jsonFunctions,
  ...toNumberFunctions,
  ...tryFunctions,
  ...hashFunctions,
]

/** Every aggregate function Sluice knows, one entry per Spark name. */
export const aggregateFunctionCatalog: AggregateFunctionDefinition[] = [...aggregateFunctions]
