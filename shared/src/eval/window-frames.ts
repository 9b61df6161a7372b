import { Expr, type CallExpr } from '../expr/expr.js'
import {
  CURRENT_ROW, UNBOUNDED_FOLLOWING, UNBOUNDED_PRECEDING, offsetBoundary, windowFrame,
  type FrameBoundary, type WindowExpr, type WindowFrame,
} from '../expr/window-expr.js'
import { IntegerType } from '../types/data-type.js'

/**
 * Spark's window functions (WindowFunction subclasses): usable only with OVER. Every
 * other function over a window is an aggregate evaluated over the frame.
 */
export const WINDOW_FUNCTION_NAMES: ReadonlySet<string> = new Set([
  'row_number', 'rank', 'dense_rank', 'percent_rank', 'cume_dist', 'ntile', 'lag', 'lead', 'nth_value',
])

export const isWindowFunctionName = (name: string): boolean => WINDOW_FUNCTION_NAMES.has(name.toLowerCase())

const RANK_LIKE = new Set(['rank', 'dense_rank', 'percent_rank'])

/** ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW: Spark's AggregateWindowFunction frame. */
const RUNNING_ROWS = windowFrame('rows', UNBOUNDED_PRECEDING, CURRENT_ROW)

/**
 * The frame a window function requires (its `frame` in Spark), or undefined when it
 * takes the window's frame (nth_value, aggregates). lag/lead's is the offset frame
 * `ROWS BETWEEN o AND o`, o = -offset for lag (Spark folds `UnaryMinus` into a literal).
 */
export function requiredFrame(fn: Expr): WindowFrame | undefined {
  if (fn.kind !== 'Call') return undefined
  switch (fn.name.toLowerCase()) {
    case 'row_number': case 'rank': case 'dense_rank': case 'percent_rank': case 'ntile': return RUNNING_ROWS
    case 'cume_dist': return windowFrame('range', UNBOUNDED_PRECEDING, CURRENT_ROW)
    case 'lag': case 'lead': {
      const offset = offsetArgument(fn)
      const signed = fn.name.toLowerCase() === 'lag' ? negateLiteral(offset) : offset
      const bound = offsetBoundary(signed)
      return windowFrame('rows', bound, bound)
    }
    default: return undefined
  }
}

/** Spark's default frame: RANGE UNBOUNDED PRECEDING..CURRENT ROW when ordered, the whole partition when not. */
export function defaultFrame(ordered: boolean): WindowFrame {
  return ordered ? windowFrame('range', UNBOUNDED_PRECEDING, CURRENT_ROW) : windowFrame('rows', UNBOUNDED_PRECEDING, UNBOUNDED_FOLLOWING)
}

/** The frame Spark's ResolveWindowFrame settles on (no checks: see the planner's window analysis). */
export function effectiveFrame(w: WindowExpr): WindowFrame {
  return w.spec.frame ?? requiredFrame(w.function) ?? defaultFrame(w.spec.orderBy.length > 0)
}

/** lag/lead's offset argument (default 1). */
export function offsetArgument(fn: CallExpr): Expr {
  return fn.args[1] ?? Expr.literal(1, IntegerType)
}

function negateLiteral(e: Expr): Expr {
  if (e.kind === 'Literal' && typeof e.value === 'number') return Expr.literal(-e.value, e.dataType)
  if (e.kind === 'Literal' && typeof e.value === 'bigint') return Expr.literal(-e.value, e.dataType)
  return Expr.call('negative', [e])
}

/** Spark's `sql` of a window expression, its column name: `row_number() OVER (PARTITION BY k ORDER BY t ASC NULLS FIRST ROWS BETWEEN ...)`. */
export function windowExprSqlText(w: WindowExpr, text: (e: Expr) => string): string {
  const spec = w.spec
  const parts: string[] = []
  if (spec.partitionBy.length > 0) parts.push(`PARTITION BY ${spec.partitionBy.map(text).join(', ')}`)
  if (spec.orderBy.length > 0) parts.push(`ORDER BY ${spec.orderBy.map(text).join(', ')}`)
  parts.push(frameSqlText(effectiveFrame(w), text))
  return `${functionSqlText(w.function, text)} OVER (${parts.join(' ')})`
}

export function frameSqlText(frame: WindowFrame, text: (e: Expr) => string): string {
  return `${frame.type === 'rows' ? 'ROWS' : 'RANGE'} BETWEEN ${boundarySqlText(frame.lower, text)} AND ${boundarySqlText(frame.upper, text)}`
}

function boundarySqlText(b: FrameBoundary, text: (e: Expr) => string): string {
  switch (b.kind) {
    case 'UnboundedPreceding': return 'UNBOUNDED PRECEDING'
    case 'UnboundedFollowing': return 'UNBOUNDED FOLLOWING'
    case 'CurrentRow': return 'CURRENT ROW'
    case 'Offset': {
      const v = b.value
      return v.kind === 'Call' && v.name === 'negative' && v.args.length === 1 ? `${text(v.args[0]!)} PRECEDING` : `${text(v)} FOLLOWING`
    }
  }
}

function functionSqlText(fn: Expr, text: (e: Expr) => string): string {
  if (fn.kind !== 'Call') return text(fn)
  const name = fn.name.toLowerCase()
  if (RANK_LIKE.has(name)) return `${name.toUpperCase()}()`
  if (name === 'lag' || name === 'lead') {
    const input = fn.args[0] === undefined ? 'NULL' : text(fn.args[0])
    const deflt = fn.args[2] === undefined ? 'NULL' : text(fn.args[2])
    return `${name}(${input}, ${text(offsetArgument(fn))}, ${deflt})`
  }
  if (name === 'nth_value') {
    const ignoreNulls = fn.args[2]?.kind === 'Literal' && fn.args[2].value === true
    return `nth_value(${fn.args.slice(0, 2).map(text).join(', ')})${ignoreNulls ? ' ignore nulls' : ''}`
  }
  return text(fn)
}
