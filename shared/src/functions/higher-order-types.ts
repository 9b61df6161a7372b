import type { Row } from '../data/row.js'
import type { DataType } from '../types/data-type.js'
import type { EvalContext } from '../eval/types.js'

/** The type of one lambda variable a higher-order function binds (Spark's `(dataType, nullable)` argument info). */
export interface LambdaParam {
  readonly dataType: DataType
  readonly nullable: boolean
}

/** A plain (non-function) argument of a higher-order call, compiled. */
export interface HigherOrderValue {
  readonly dataType: DataType
  readonly nullable: boolean
  /** Spark's SQL text of the argument, for error messages. */
  readonly sql: string
  eval(row: Row): unknown
}

/**
 * A function argument bound to its variables (Spark's bound LambdaFunction): `call`
 * sets the variables to `values` (one per parameter) and evaluates the body for the row.
 */
export interface BoundLambda {
  readonly dataType: DataType
  readonly nullable: boolean
  /** `lambdafunction(...)` as Spark prints it, for error messages. */
  readonly sql: string
  call(row: Row, ...values: unknown[]): unknown
}

/** What a higher-order function sees of its call while it compiles. */
export interface HigherOrderArgs {
  /** The name it was called by (`reduce` for `aggregate`'s alias). */
  readonly name: string
  /** The call's output name, for error messages. */
  readonly outName: string
  readonly context: EvalContext
  readonly count: number
  value(index: number): HigherOrderValue
  /** Parameters the lambda at `index` declares; undefined when the argument is a plain expression. */
  declaredParams(index: number): number | undefined
  /** Binds the argument at `index` (a lambda, or a plain expression as a lambda ignoring its variables) to `params`. */
  bind(index: number, params: readonly LambdaParam[]): BoundLambda
}

/** The compiled higher-order call. */
export interface HigherOrderResult {
  readonly dataType: DataType
  readonly nullable: boolean
  eval(row: Row): unknown
}

/** A Spark higher-order function (`transform`, `aggregate`, ...): compiles its own lambdas. */
export interface HigherOrderFunctionDefinition {
  readonly name: string
  /** Allowed argument counts. */
  readonly minArgs: number
  readonly maxArgs: number
  /**
   * The arguments that are functions, and how many variables each binds given how many
   * the user's lambda declares (undefined: a plain expression); used for display names too.
   */
  functionParams(index: number, declared: number | undefined): number | undefined
  compile(args: HigherOrderArgs): HigherOrderResult
}
