import type { DataType } from '../types/data-type.js'
import type { EvalContext } from '../eval/types.js'
import type { FunctionArgs } from './function-types.js'
import { aggregateFunctionCatalog, scalarFunctionCatalog } from './catalog.js'
import { constructorFunctions } from './collection-functions.js'
import { lazyConditionalFunctions } from './conditional-functions.js'

const scalarDefinitions = [...scalarFunctionCatalog, ...constructorFunctions, ...lazyConditionalFunctions]

/** Test helpers: resolve and run catalog functions as the compiler would (no casts). */
export const testContext: EvalContext = Object.freeze({
  ansi: true,
  timeZone: 'UTC',
  caseSensitive: false,
  currentTimestampMicros: Date.UTC(2026, 10, 27, 13, 0, 0) * 1000,
})

export type TypedValue = readonly [value: unknown, type: DataType]

function functionArgs(args: readonly TypedValue[], context: Partial<EvalContext>, constant: boolean): FunctionArgs {
  return {
    types: args.map((a) => a[1]),
    constants: args.map((a) => (constant ? a[0] : undefined)),
    nullable: args.map((a) => a[0] === null),
    context: { ...testContext, ...context },
  }
}

/** Resolves scalar `name` for the given arguments (as constants) and invokes it once. */
export function callScalar(name: string, args: readonly TypedValue[], context: Partial<EvalContext> = {}): unknown {
  const definition = scalarDefinitions.find((f) => f.name === name)
  if (definition === undefined) throw new Error(`no scalar function ${name}`)
  const resolved = definition.resolve(functionArgs(args, context, true))
  const values = args.map((a) => a[0])
  if (resolved.nullIntolerant && values.some((v) => v === null)) return null
  return resolved.invoke(values)
}

/** The resolved result type of scalar `name`. */
export function scalarResultType(name: string, args: readonly TypedValue[], context: Partial<EvalContext> = {}): DataType {
  const definition = scalarDefinitions.find((f) => f.name === name)!
  return definition.resolve(functionArgs(args, context, true)).dataType
}

/**
 * Runs aggregate `name` over `rows` (each row the argument values) twice: in one
 * pass, and split in two partial buffers merged after a structured clone; returns
 * both results so tests can check that merging is exact.
 */
export function runAggregate(
  name: string,
  types: readonly DataType[],
  rows: readonly unknown[][],
  options: { distinct?: boolean; constants?: readonly unknown[]; context?: Partial<EvalContext> } = {},
): { single: unknown; merged: unknown; dataType: DataType } {
  const definition = aggregateFunctionCatalog.find((f) => f.name === name)
  if (definition === undefined) throw new Error(`no aggregate function ${name}`)
  const resolved = definition.resolve({
    types,
    constants: options.constants ?? types.map(() => undefined),
    nullable: types.map(() => true),
    context: { ...testContext, ...options.context },
  }, options.distinct ?? false)
  const fold = (part: readonly unknown[][]): unknown => part.reduce((b, r) => resolved.update(b, [...r]), resolved.init())
  const single = resolved.evaluate(fold(rows))
  const half = Math.floor(rows.length / 2)
  const left = structuredClone(fold(rows.slice(0, half)))
  const right = structuredClone(fold(rows.slice(half)))
  const merged = resolved.evaluate(resolved.merge(left, right))
  return { single, merged, dataType: resolved.dataType }
}
