import { AnalysisError, Expr } from '@sluice/shared'
import { Column, col, literalExpr } from '../column/index.js'

/**
 * PySpark's higher-order functions: each takes a JavaScript function from Columns to
 * a Column, as PySpark's take a Python lambda. The function is called once, here,
 * with lambda-variable Columns, and the Column it returns becomes the lambda's
 * body, so the plan stays plain data.
 */
type ColumnOrName = Column | string
type Lambda1 = (x: Column) => Column
/** Also takes a one-parameter function: `transform(c, (x) => ...)` or `transform(c, (x, i) => ...)`. */
type Lambda2 = (x: Column, y: Column) => Column
type Lambda3 = (x: Column, y: Column, z: Column) => Column

const ref = (x: ColumnOrName): Expr => (typeof x === 'string' ? col(x).expr : x.expr)
const value = (x: unknown): Expr => (x instanceof Column ? x.expr : literalExpr(x))

let nextVariableId = 0

/** PySpark's UnresolvedNamedLambdaVariable.freshVarName: `x_0`, `y_1`, ...; unique, so nested lambdas never collide. */
function freshVariableName(base: string): string {
  return `${base}_${nextVariableId++}`
}

/**
 * The lambda of `f`, with as many variables as it declares: one to three (PySpark's
 * `_create_lambda`); a count the higher-order function does not bind fails analysis
 * with INVALID_LAMBDA_FUNCTION_CALL.NUM_ARGS_MISMATCH, as in PySpark.
 */
function lambda(f: (...vars: Column[]) => Column): Expr {
  const arity = f.length
  const name = f.name || 'lambda'
  if (arity < 1 || arity > 3) {
    throw new AnalysisError('WRONG_NUM_ARGS_FOR_HIGHER_ORDER_FUNCTION',
      `Function \`${name}\` should take between 1 and 3 arguments, but the provided function takes ${arity}.`,
      { func_name: name, num_args: String(arity) })
  }
  const names = ['x', 'y', 'z'].slice(0, arity).map(freshVariableName)
  const body: unknown = f(...names.map((n) => new Column(Expr.lambdaVariable(n))))
  if (!(body instanceof Column)) {
    throw new AnalysisError('HIGHER_ORDER_FUNCTION_SHOULD_RETURN_COLUMN',
      `Function \`${name}\` should return Column, got ${typeof body}.`, { func_name: name, return_type: typeof body })
  }
  return Expr.lambda(names, body.expr)
}

const call = (name: string, ...args: Expr[]): Column => new Column(Expr.call(name, args))

/** Each element mapped by `f(x)` or `f(x, i)` (i the 0-based index). @example transform('values', (x) => x.multiply(2)) */
export function transform(c: ColumnOrName, f: Lambda2): Column {
  return call('transform', ref(c), lambda(f))
}

/** The elements for which `f(x)` or `f(x, i)` is true. @example filter('values', (x) => x.gt(1)) */
export function filter(c: ColumnOrName, f: Lambda2): Column {
  return call('filter', ref(c), lambda(f))
}

/** Whether `f(x)` holds for some element (null when for none but null for some). @example exists('values', (x) => x.lt(0)) */
export function exists(c: ColumnOrName, f: Lambda1): Column {
  return call('exists', ref(c), lambda(f))
}

/** Whether `f(x)` holds for every element (null when for none false but null for some). @example forall('values', (x) => x.gt(0)) */
export function forall(c: ColumnOrName, f: Lambda1): Column {
  return call('forall', ref(c), lambda(f))
}

/**
 * Folds the elements into `initialValue` with `merge(acc, x)`, then applies `finish(acc)`.
 * @example aggregate('values', lit(0), (acc, x) => acc.plus(x))
 */
export function aggregate(c: ColumnOrName, initialValue: Column | unknown, merge: Lambda2, finish?: Lambda1): Column {
  return fold('aggregate', c, initialValue, merge, finish)
}

/** `aggregate` under Spark's other name. @example reduce('values', lit(0), (acc, x) => acc.plus(x)) */
export function reduce(c: ColumnOrName, initialValue: Column | unknown, merge: Lambda2, finish?: Lambda1): Column {
  return fold('reduce', c, initialValue, merge, finish)
}

function fold(name: 'aggregate' | 'reduce', c: ColumnOrName, initialValue: Column | unknown, merge: Lambda2, finish?: Lambda1): Column {
  const args = [ref(c), value(initialValue), lambda(merge)]
  return call(name, ...(finish === undefined ? args : [...args, lambda(finish)]))
}

/** Element-wise `f(x, y)` of two arrays; the shorter is padded with nulls. @example zip_with('xs', 'ys', (x, y) => x.plus(y)) */
export function zip_with(left: ColumnOrName, right: ColumnOrName, f: Lambda2): Column {
  return call('zip_with', ref(left), ref(right), lambda(f))
}

/** The entries for which `f(k, v)` is true. @example map_filter('m', (k, v) => v.gt(0)) */
export function map_filter(c: ColumnOrName, f: Lambda2): Column {
  return call('map_filter', ref(c), lambda(f))
}

/** The map with each key replaced by `f(k, v)`. @example transform_keys('m', (k, v) => upper(k)) */
export function transform_keys(c: ColumnOrName, f: Lambda2): Column {
  return call('transform_keys', ref(c), lambda(f))
}

/** The map with each value replaced by `f(k, v)`. @example transform_values('m', (k, v) => v.plus(1)) */
export function transform_values(c: ColumnOrName, f: Lambda2): Column {
  return call('transform_values', ref(c), lambda(f))
}

/** Two maps merged by key with `f(k, v1, v2)` (null for a key missing from one). @example map_zip_with('a', 'b', (k, v1, v2) => concat(v1, v2)) */
export function map_zip_with(left: ColumnOrName, right: ColumnOrName, f: Lambda3): Column {
  return call('map_zip_with', ref(left), ref(right), lambda(f))
}

/**
 * Ascending with nulls last, or by `comparator(a, b)` (negative, 0 or positive as a is
 * less than, equal to or greater than b). @example array_sort('values', (a, b) => b.minus(a))
 */
export function array_sort(c: ColumnOrName, comparator?: Lambda2): Column {
  return comparator === undefined ? call('array_sort', ref(c)) : call('array_sort', ref(c), lambda(comparator))
}
