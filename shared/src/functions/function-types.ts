import type { DataType } from '../types/data-type.js'
import type { EvalContext } from '../eval/types.js'

/** What the compiler knows about a call's arguments when it resolves a function. */
export interface FunctionArgs {
  /** The argument types after analysis. */
  readonly types: readonly DataType[]
  /** The argument's value where it is a constant (foldable), else `undefined`; lets a
   * function compile a regex or a date pattern once. */
  readonly constants: readonly unknown[]
  /** Whether each argument can be null. */
  readonly nullable: readonly boolean[]
  readonly context: EvalContext
}

/** A scalar function resolved for concrete argument types. */
export interface ResolvedScalarFunction {
  /** Types the compiler casts the arguments to first (implicit coercion); absent: as they are. */
  readonly inputTypes?: readonly DataType[]
  readonly dataType: DataType
  readonly nullable: boolean
  /** True: the result is null whenever any argument is null, and `invoke` is not called. */
  readonly nullIntolerant: boolean
  invoke(args: unknown[]): unknown
}

export interface ScalarFunctionDefinition {
  /** Lower-case Spark name; aliases are separate entries. */
  readonly name: string
  /** Throws an AnalysisError with Spark's class (DATATYPE_MISMATCH..., WRONG_NUM_ARGS) on bad arguments. */
  resolve(args: FunctionArgs): ResolvedScalarFunction
}

/** An aggregate resolved for concrete argument types; buffers are structured-cloneable. */
export interface ResolvedAggregateFunction {
  readonly inputTypes?: readonly DataType[]
  readonly dataType: DataType
  readonly nullable: boolean
  init(): unknown
  /** `args` are the evaluated arguments for one input row. */
  update(buffer: unknown, args: unknown[]): unknown
  merge(left: unknown, right: unknown): unknown
  evaluate(buffer: unknown): unknown
}

export interface AggregateFunctionDefinition {
  readonly name: string
  resolve(args: FunctionArgs, distinct: boolean): ResolvedAggregateFunction
}
