import {
  AnalysisError, DoubleType, Expr, IntegerType, StructField, StructType, compileAggregate, compileExpr, effectiveFrame,
  exprSqlText, isAggregateFunctionName, isWindowFunctionName, transformExpr,
  type CallExpr, type DataType, type EvalContext, type FrameBoundary, type PhysicalFrameBoundary, type SortOrderExpr,
  type WindowExpr, type WindowFunctionExec, type WindowFunctionKind, type WindowNode,
} from '@sluice/shared'
import type { Planned } from './planned.js'
import { checkFrame, checkWindowExpression } from './window-analysis.js'

const NUMERIC = new Set(['byte', 'short', 'integer', 'long', 'float', 'double', 'decimal'])

/**
 * Plans a logical Window over its planned input as a WindowExec: checks each window
 * expression as Spark's analyzer does, settles its frame (the function's own, the
 * given one, or Spark's default), types its result, and binds everything to the input.
 */
export function planWindow(node: WindowNode, input: Planned, bind: (e: Expr) => Expr, evalContext: EvalContext): Planned {
  const schema = input.exec.schema
  const partitionSpec = node.partitionSpec.map(bind)
  const orderSpec = node.orderSpec.map((o) => Expr.sortOrder(bind(o.child), o.ascending, o.nullsFirst))
  for (const e of [...partitionSpec, ...orderSpec.map((o) => o.child)]) compileExpr(e, schema, evalContext)
  const fields: StructField[] = []
  const functions = node.windowExprs.map((aliased, index) => {
    const name = aliased.kind === 'Alias' ? aliased.name : exprSqlText(aliased)
    const w = (aliased.kind === 'Alias' ? aliased.child : aliased) as WindowExpr
    checkWindowExpression(w)
    const call = countStarAsCountOne(bind(w.function)) as CallExpr
    const frame = effectiveFrame(w)
    checkFrame(frame, orderSpec.length, (e) => constantOf(e, schema, evalContext))
    const planned = planFunction(call, schema, evalContext)
    fields.push(StructField(name, planned.dataType, planned.nullable))
    const exec: WindowFunctionExec = {
      kind: planned.kind,
      function: planned.function,
      sql: exprSqlText(w),
      ...(node.columnNames?.[index] === undefined ? {} : { columnName: node.columnNames[index] }),
      frame: {
        type: frame.type,
        lower: physicalBoundary(frame.lower, frame.type, orderSpec, schema, evalContext),
        upper: physicalBoundary(frame.upper, frame.type, orderSpec, schema, evalContext),
      },
    }
    return exec
  })
  return {
    exec: { kind: 'Window', input: input.exec, partitionSpec, orderSpec, functions, schema: StructType([...schema.fields, ...fields]) },
    qualifiers: [...input.qualifiers, ...fields.map(() => undefined)],
    eventTime: input.eventTime,
    ...(input.watermarkDelayMicros === undefined ? {} : { watermarkDelayMicros: input.watermarkDelayMicros }),
  }
}

interface PlannedFunction { kind: WindowFunctionKind; function: Expr; dataType: DataType; nullable: boolean }

function planFunction(call: CallExpr, schema: StructType, ctx: EvalContext): PlannedFunction {
  const name = call.name.toLowerCase()
  if (!isWindowFunctionName(name)) {
    if (!isAggregateFunctionName(name)) {
      const sql = exprSqlText(call)
      throw new AnalysisError('UNSUPPORTED_EXPR_FOR_WINDOW', `Expression "${sql}" not supported within a window function. SQLSTATE: 42P20`, { sqlExpr: `"${sql}"` })
    }
    const compiled = compileAggregate(call, schema, ctx)
    return { kind: 'aggregate', function: call, dataType: compiled.dataType, nullable: compiled.nullable }
  }
  const kind = name as WindowFunctionKind
  const arity = (min: number, max: number) => {
    if (call.args.length < min || call.args.length > max) {
      throw new AnalysisError('WRONG_NUM_ARGS.WITHOUT_SUGGESTION',
        `The \`${name}\` requires ${min === max ? min : `[${min}, ${max}]`} parameters but the actual number is ${call.args.length}. SQLSTATE: 42605`,
        { functionName: `\`${name}\``, expectedNum: String(min === max ? min : `[${min}, ${max}]`), actualNum: String(call.args.length) })
    }
  }
  switch (kind) {
    case 'row_number': case 'rank': case 'dense_rank': case 'percent_rank': case 'cume_dist':
      arity(0, 0)
      return { kind, function: call, dataType: kind === 'percent_rank' || kind === 'cume_dist' ? DoubleType : IntegerType, nullable: false }
    case 'ntile': {
      arity(0, 1)
      const buckets = call.args.length === 0 ? 1 : positiveIntConstant(call, 0, schema, ctx, (v) => `Buckets expression must be positive, but got: ${v}`)
      return { kind, function: Expr.call('ntile', [Expr.literal(buckets, IntegerType)]), dataType: IntegerType, nullable: false }
    }
    case 'lag': case 'lead': {
      arity(0, 4)
      const input = call.args[0] ?? Expr.literal(null, { kind: 'null' })
      const compiled = compileExpr(input, schema, ctx)
      const offset = call.args.length > 1 ? intConstant(call, 1, schema, ctx) : 1
      const fallback = call.args[2] ?? Expr.literal(null, compiled.dataType)
      const fallbackType = compileExpr(fallback, schema, ctx).dataType
      const castFallback = JSON.stringify(fallbackType) === JSON.stringify(compiled.dataType) ? fallback : Expr.cast(fallback, compiled.dataType)
      compileExpr(castFallback, schema, ctx)
      const ignoreNulls = booleanConstant(call, 3, schema, ctx)
      return {
        kind, dataType: compiled.dataType, nullable: true,
        function: Expr.call(name, [input, Expr.literal(offset, IntegerType), castFallback, Expr.literal(ignoreNulls, { kind: 'boolean' })]),
      }
    }
    case 'nth_value': {
      arity(2, 3)
      const compiled = compileExpr(call.args[0]!, schema, ctx)
      const offset = positiveIntConstant(call, 1, schema, ctx, (v) => `The 'offset' argument of nth_value must be greater than zero but it is ${v}.`)
      const ignoreNulls = booleanConstant(call, 2, schema, ctx)
      return {
        kind, dataType: compiled.dataType, nullable: true,
        function: Expr.call(name, [call.args[0]!, Expr.literal(offset, IntegerType), Expr.literal(ignoreNulls, { kind: 'boolean' })]),
      }
    }
    default:
      throw new AnalysisError('INTERNAL_ERROR', `No plan for window function ${name}.`)
  }
}

function physicalBoundary(b: FrameBoundary, type: 'rows' | 'range', orderSpec: readonly SortOrderExpr[], schema: StructType, ctx: EvalContext): PhysicalFrameBoundary {
  switch (b.kind) {
    case 'UnboundedPreceding': return { kind: 'unboundedPreceding' }
    case 'UnboundedFollowing': return { kind: 'unboundedFollowing' }
    case 'CurrentRow': return { kind: 'currentRow' }
    case 'Offset': {
      const value = constantOf(b.value, schema, ctx)!
      if (type === 'rows') return { kind: 'rows', offset: Number(value.value) }
      return { kind: 'range', bound: rangeBound(orderSpec[0]!, b.value, value.type, schema, ctx) }
    }
  }
}

/**
 * The bound value of a RANGE frame for the current row: the order value plus the
 * offset (minus for a descending order, as Spark's WindowExecBase), the offset cast to
 * a numeric order type first (Spark's WindowFrameCoercion).
 */
function rangeBound(order: SortOrderExpr, offset: Expr, offsetType: string, schema: StructType, ctx: EvalContext): Expr {
  const orderType = compileExpr(order.child, schema, ctx).dataType
  const datetime = orderType.kind === 'date' || orderType.kind === 'timestamp' || orderType.kind === 'timestamp_ntz'
  const valid = NUMERIC.has(orderType.kind) ? NUMERIC.has(offsetType)
    : datetime ? offsetType === 'interval' || offsetType === 'day_time_interval' || offsetType === 'year_month_interval' ||
      (orderType.kind === 'date' && offsetType === 'integer') : false
  if (!valid) {
    const orderSql = orderType.kind.toUpperCase()
    throw new AnalysisError('DATATYPE_MISMATCH.RANGE_FRAME_INVALID_TYPE',
      `Cannot resolve "${exprSqlText(order)}" due to data type mismatch: The data type "${orderSql}" used in the order specification does not support the data type "${offsetType.toUpperCase()}" which is used in the range frame. SQLSTATE: 42K09`,
      { orderSpecType: `"${orderSql}"`, valueBoundaryType: `"${offsetType.toUpperCase()}"` })
  }
  const amount = NUMERIC.has(orderType.kind) ? Expr.cast(offset, orderType) : offset
  const bound = Expr.call(order.ascending ? '+' : '-', [order.child, amount])
  compileExpr(bound, schema, ctx)
  return bound
}

/** The value of a constant expression with its type kind, or undefined when it reads columns. */
function constantOf(e: Expr, schema: StructType, ctx: EvalContext): { value: unknown; type: string } | undefined {
  const compiled = compileExpr(e, schema, ctx)
  let reads = false
  transformExpr(e, (n) => { if (n.kind === 'Column' || n.kind === 'Ref') reads = true; return undefined })
  if (reads) return undefined
  return { value: compiled.eval([]), type: compiled.dataType.kind }
}

function intConstant(call: CallExpr, index: number, schema: StructType, ctx: EvalContext): number {
  const c = constantOf(call.args[index]!, schema, ctx)
  if (c === undefined || c.type !== 'integer' || c.value === null) {
    const sql = exprSqlText(call.args[index]!)
    throw new AnalysisError('DATATYPE_MISMATCH.FRAME_LESS_OFFSET_WITHOUT_FOLDABLE',
      `Cannot resolve "${exprSqlText(call)}" due to data type mismatch: Offset expression "${sql}" must be a literal. SQLSTATE: 42K09`, { offset: `"${sql}"` })
  }
  return c.value as number
}

function positiveIntConstant(call: CallExpr, index: number, schema: StructType, ctx: EvalContext, message: (v: string) => string): number {
  const c = constantOf(call.args[index]!, schema, ctx)
  const sql = exprSqlText(call)
  if (c === undefined || c.type !== 'integer' || c.value === null || (c.value as number) <= 0) {
    throw new AnalysisError('DATATYPE_MISMATCH.TYPE_CHECK_FAILURE_WITH_HINT',
      `Cannot resolve "${sql}" due to data type mismatch: ${c === undefined ? `${exprSqlText(call.args[index]!)} must be a literal.` : message(String(c.value))} SQLSTATE: 42K09`, { sqlExpr: `"${sql}"` })
  }
  return c.value as number
}

function booleanConstant(call: CallExpr, index: number, schema: StructType, ctx: EvalContext): boolean {
  if (call.args[index] === undefined) return false
  const c = constantOf(call.args[index], schema, ctx)
  if (c === undefined || c.type !== 'boolean') {
    throw new AnalysisError('DATATYPE_MISMATCH.NON_FOLDABLE_INPUT', `The ignoreNulls argument of ${call.name} must be a constant boolean.`, { functionName: call.name })
  }
  return c.value === true
}

/** `count(*)` over a window counts rows: Spark's `count(1)`. */
function countStarAsCountOne(e: Expr): Expr {
  return e.kind === 'Call' && e.name.toLowerCase() === 'count' && e.args.length === 1 && e.args[0]!.kind === 'Star'
    ? Expr.call('count', [Expr.literal(1, IntegerType)], e.distinct) : e
}
