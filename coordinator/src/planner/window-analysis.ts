import {
  AnalysisError, exprSqlText, frameSqlText, requiredFrame, type Expr, type FrameBoundary, type WindowExpr, type WindowFrame,
} from '@sluice/shared'

/**
 * Spark's checks of a window expression, in its analyzer's order: ResolveWindowOrder
 * (a window function needs ORDER BY), ResolveWindowFrame (a function with its own frame
 * takes no other), CheckAnalysis (no DISTINCT), then the frame's own type checks.
 * Returns the frame the expression is evaluated with.
 */
export function checkWindowExpression(w: WindowExpr): void {
  if (w.specName !== undefined) {
    throw new AnalysisError('MISSING_WINDOW_SPECIFICATION', `Window specification ${w.specName} is not defined in the WINDOW clause. SQLSTATE: 42P20`, { windowName: w.specName })
  }
  const fn = w.function
  if (fn.kind !== 'Call') {
    const sql = exprSqlText(fn)
    throw new AnalysisError('UNSUPPORTED_EXPR_FOR_WINDOW', `Expression "${sql}" not supported within a window function. SQLSTATE: 42P20`, { sqlExpr: `"${sql}"` })
  }
  const required = requiredFrame(fn)
  const name = fn.name.toLowerCase()
  if (isOrderedWindowFunction(name) && w.spec.orderBy.length === 0) {
    const wf = windowFunctionString(fn)
    throw new AnalysisError('_LEGACY_ERROR_TEMP_1037',
      `Window function ${wf} requires window to be ordered, please add ORDER BY clause. For example SELECT ${wf}(value_expr) OVER (PARTITION BY window_partition ORDER BY window_ordering) from table.`,
      { wf })
  }
  if (required !== undefined && w.spec.frame !== undefined && frameString(w.spec.frame) !== frameString(required)) {
    throw new AnalysisError('_LEGACY_ERROR_TEMP_1036',
      `Window Frame ${frameString(w.spec.frame)} must match the required frame ${frameString(required)}.`,
      { wf: frameString(w.spec.frame), required: frameString(required) })
  }
  if (fn.distinct) {
    const sql = exprSqlText(w)
    throw new AnalysisError('DISTINCT_WINDOW_FUNCTION_UNSUPPORTED', `Distinct window functions are not supported: "${sql}". SQLSTATE: 0A000`, { windowExpr: `"${sql}"` })
  }
}

/** SpecifiedWindowFrame.checkInputDataTypes and WindowSpecDefinition's RANGE checks, over the resolved frame. */
export function checkFrame(frame: WindowFrame, orderCount: number, constant: (e: Expr) => { value: unknown; type: string } | undefined): void {
  const sql = `(${frameSqlText(frame, (e) => exprSqlText(e))})`
  const mismatch = (subClass: string, detail: string, params: Record<string, string> = {}) =>
    new AnalysisError(`DATATYPE_MISMATCH.${subClass}`, `Cannot resolve "${sql}" due to data type mismatch: ${detail} SQLSTATE: 42K09`, { sqlExpr: `"${sql}"`, ...params })
  const offsets: number[] = []
  for (const [bound, location] of [[frame.lower, 'lower'], [frame.upper, 'upper']] as const) {
    if (bound.kind !== 'Offset') continue
    const c = constant(bound.value)
    const text = exprSqlText(bound.value)
    if (c === undefined) {
      throw mismatch('SPECIFIED_WINDOW_FRAME_WITHOUT_FOLDABLE', `Window frame ${location} bound "${text}" is not a literal.`, { location, expression: `"${text}"` })
    }
    if (frame.type === 'rows' && c.type !== 'integer') {
      throw mismatch('SPECIFIED_WINDOW_FRAME_UNACCEPTED_TYPE', `The data type of the ${location} bound "${c.type.toUpperCase()}" does not match the expected data type "INT".`,
        { location, exprType: `"${c.type.toUpperCase()}"`, expectedType: '"INT"' })
    }
    if (typeof c.value === 'number' || typeof c.value === 'bigint') offsets.push(Number(c.value))
  }
  if (frame.lower.kind === 'UnboundedFollowing' || frame.upper.kind === 'UnboundedPreceding') {
    throw mismatch('SPECIFIED_WINDOW_FRAME_INVALID_BOUND',
      `Window frame upper bound "${boundarySql(frame.upper)}" does not follow the lower bound "${boundarySql(frame.lower)}".`,
      { upper: `"${boundarySql(frame.upper)}"`, lower: `"${boundarySql(frame.lower)}"` })
  }
  if (frame.lower.kind === 'Offset' && frame.upper.kind === 'Offset' && offsets.length === 2 && offsets[0]! > offsets[1]!) {
    throw mismatch('SPECIFIED_WINDOW_FRAME_WRONG_COMPARISON', 'The lower bound of a window frame must be less than or equal to the upper bound.', { comparison: 'less than or equal' })
  }
  const unbounded = frame.lower.kind === 'UnboundedPreceding' && frame.upper.kind === 'UnboundedFollowing'
  const valueBound = frame.lower.kind === 'Offset' || frame.upper.kind === 'Offset'
  if (frame.type === 'range' && !unbounded && orderCount === 0) {
    throw mismatch('RANGE_FRAME_WITHOUT_ORDER', 'A range window frame cannot be used in an unordered window specification.')
  }
  if (frame.type === 'range' && valueBound && orderCount > 1) {
    throw mismatch('RANGE_FRAME_MULTI_ORDER', 'A range window frame with value boundaries cannot be used in a window specification with multiple order by expressions.')
  }
}

/** Window functions Spark's ResolveWindowOrder requires an ORDER BY for (every WindowFunction). */
function isOrderedWindowFunction(name: string): boolean {
  return ['row_number', 'rank', 'dense_rank', 'percent_rank', 'cume_dist', 'ntile', 'lag', 'lead', 'nth_value'].includes(name)
}

/** The function as Spark's toString prints it in _LEGACY_ERROR_TEMP_1037: `row_number()`, `lag(x, -1, null)`. */
function windowFunctionString(fn: Expr & { kind: 'Call' }): string {
  const name = fn.name.toLowerCase()
  if (name === 'lag' || name === 'lead') {
    const offset = fn.args[1] === undefined ? '1' : exprSqlText(fn.args[1])
    const signed = name === 'lag' ? (offset.startsWith('-') ? offset.slice(1) : `-${offset}`) : offset
    return `${name}(${fn.args[0] === undefined ? 'null' : exprSqlText(fn.args[0])}, ${signed}, ${fn.args[2] === undefined ? 'null' : exprSqlText(fn.args[2])})`
  }
  if (['row_number', 'rank', 'dense_rank', 'percent_rank', 'cume_dist'].includes(name)) return `${name}()`
  return `${name}(${fn.args.map((a) => exprSqlText(a)).join(', ')})`
}

/** A frame as Spark's SpecifiedWindowFrame.toString: `specifiedwindowframe(RowFrame, unboundedpreceding$(), currentrow$())`. */
function frameString(frame: WindowFrame): string {
  const bound = (b: FrameBoundary): string => {
    switch (b.kind) {
      case 'UnboundedPreceding': return 'unboundedpreceding$()'
      case 'UnboundedFollowing': return 'unboundedfollowing$()'
      case 'CurrentRow': return 'currentrow$()'
      case 'Offset': {
        const v = b.value
        return v.kind === 'Call' && v.name === 'negative' && v.args.length === 1 ? `-${exprSqlText(v.args[0]!)}` : exprSqlText(v)
      }
    }
  }
  return `specifiedwindowframe(${frame.type === 'rows' ? 'RowFrame' : 'RangeFrame'}, ${bound(frame.lower)}, ${bound(frame.upper)})`
}

function boundarySql(b: FrameBoundary): string {
  return frameSqlText({ type: 'rows', lower: b, upper: b }, (e) => exprSqlText(e)).replace(/^ROWS BETWEEN (.*) AND .*$/, '$1')
}
