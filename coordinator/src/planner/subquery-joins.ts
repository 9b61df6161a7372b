import {
  AnalysisError, BooleanType, Expr, StructField, exprChildren, StructType, compileAggregate, compileExpr, exprSqlText, inSubqueryLengthMismatch,
  physicalChildren, scalarSubqueryWidth, transformExpr,
  type EvalContext, type LogicalPlan, type PhysicalJoinType, type PhysicalPlan, type SubqueryExpr,
} from '@sluice/shared'
import type { Planned } from './planned.js'
import { bindAllColumns, columnRef } from './bind-columns.js'
import { equiJoinKeys, splitConjuncts } from './conditions.js'
import { decorrelate } from './subquery-decorrelation.js'

/** What planning a subquery needs from the query planner. */
export interface SubqueryPlanner {
  plan(node: LogicalPlan): Promise<Planned>
  readonly evalContext: EvalContext
}

/** A subquery planned as the right side of a join with the outer rows. */
interface SubquerySide {
  readonly right: Planned
  /** The subquery's own columns (the first ones of `right`); the others serve the correlated predicates. */
  readonly width: number
  /** Correlated predicates over the joined row (outer row, then the subquery's). */
  readonly predicates: readonly Expr[]
  /** Names of the outer columns the correlated predicates read, in order (Spark's outerAttrs). */
  readonly outerReferences: readonly string[]
}

/**
 * `[NOT] EXISTS (...)` / `[NOT] IN (...)` as a conjunct of WHERE: Spark's RewritePredicateSubquery,
 * a left semi join (anti when negated) on the correlated predicates and, for IN, `value = column`.
 * NOT IN is null-aware as Spark's: each `v = c` becomes `(v = c) OR isnull(v = c)`, so a null on
 * either side makes the row not qualify (unless the subquery is empty).
 */
export async function filterBySubquery(planner: SubqueryPlanner, outer: Planned, subquery: SubqueryExpr, negated: boolean): Promise<Planned> {
  const side = await planSubquerySide(planner, outer, subquery.plan)
  const conditions = subquery.subqueryType === 'in'
    ? [...nullAware(inEqualities(planner, outer, side, subquery), negated), ...side.predicates]
    : side.predicates
  return joinSubquery(planner, outer, side.right, negated ? 'anti' : 'semi', conjunction(conditions))
}

/**
 * A subquery used as a value: a column added after the outer row's columns, and a `Ref` to it.
 * EXISTS / IN become Spark's ExistenceJoin (true when a subquery row matches, never null; `NOT IN`,
 * `negated`, is the null-aware form); a scalar subquery becomes Spark's LeftSingle join (null when no
 * row matches, SCALAR_SUBQUERY_TOO_MANY_ROWS for a second one), with RewriteCorrelatedScalarSubquery's
 * count-bug fix: a correlated aggregate's value on no rows (`count` gives 0) where no group matched.
 */
export async function subqueryColumn(planner: SubqueryPlanner, outer: Planned, subquery: SubqueryExpr, negated: boolean, name: string):
  Promise<{ planned: Planned; value: Expr; outerReferences: readonly string[] }> {
  const side = await planSubquerySide(planner, outer, subquery.plan)
  const width = outer.exec.schema.fields.length
  const outerReferences = side.outerReferences
  if (subquery.subqueryType === 'scalar') {
    if (side.width !== 1) throw scalarSubqueryWidth(side.width)
    const planned = scalarJoin(planner, outer, side, name)
    return { planned, value: columnRef(planned.exec.schema, width), outerReferences }
  }
  const conditions = subquery.subqueryType === 'in'
    ? [...nullAware(inEqualities(planner, outer, side, subquery), negated), ...side.predicates]
    : side.predicates
  const planned = joinSubquery(planner, outer, side.right, 'existence', conjunction(conditions), name)
  const exists = columnRef(planned.exec.schema, width)
  return { planned, value: negated ? Expr.call('not', [exists]) : exists, outerReferences }
}

async function planSubquerySide(planner: SubqueryPlanner, outer: Planned, plan: LogicalPlan): Promise<SubquerySide> {
  const decorrelated = await decorrelate(plan, outer, (p) => planner.plan(p))
  const right = await planner.plan(decorrelated.plan)
  if (streams(right.exec)) {
    throw new AnalysisError('UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY', 'Unsupported subquery expression: a subquery over a streaming source is not supported.')
  }
  const fields = right.exec.schema.fields
  const names = fields.map((f) => f.name)
  const leftWidth = outer.exec.schema.fields.length
  const predicates = decorrelated.predicates.map((p) => transformExpr(p, (n) => {
    if (n.kind !== 'Column') return undefined
    const i = names.lastIndexOf(n.nameParts[0]!)
    const f = fields[i]!
    return Expr.ref(leftWidth + i, f.name, f.dataType, true)
  }))
  const outerReferences = decorrelated.predicates.flatMap(refNames)
  return { right, width: fields.filter((f) => !decorrelated.exposedColumns.has(f.name)).length, predicates, outerReferences }
}

/** The names of the `Ref`s (outer columns) in an expression, left to right. */
function refNames(e: Expr): string[] {
  return e.kind === 'Ref' ? [e.name] : exprChildren(e).flatMap(refNames)
}

/** `v1 = c1, v2 = c2, ...` for `(v1, v2) IN (SELECT c1, c2 ...)`, over the joined row. */
function inEqualities(planner: SubqueryPlanner, outer: Planned, side: SubquerySide, subquery: SubqueryExpr): Expr[] {
  const fields = side.right.exec.schema.fields
  if (subquery.values.length !== side.width) {
    throw inSubqueryLengthMismatch(exprSqlText(subquery), subquery.values.map((v) => exprSqlText(v)), fields.slice(0, side.width).map((f) => f.name))
  }
  const leftWidth = outer.exec.schema.fields.length
  return subquery.values.map((v, i) => {
    const bound = bindAllColumns(v, outer.exec.schema, outer.qualifiers)
    compileExpr(bound, outer.exec.schema, planner.evalContext)
    const f = fields[i]!
    return Expr.call('=', [bound, Expr.ref(leftWidth + i, f.name, f.dataType, true)])
  })
}

function nullAware(equalities: readonly Expr[], negated: boolean): Expr[] {
  return negated ? equalities.map((e) => Expr.call('or', [e, Expr.call('isnull', [e])])) : [...equalities]
}

function conjunction(conditions: readonly Expr[]): Expr | undefined {
  return conditions.length === 0 ? undefined : conditions.reduce((a, b) => Expr.call('and', [a, b]))
}

/** The LeftSingle join of a scalar subquery; with the count-bug fix when its aggregate has a value on no rows. */
function scalarJoin(planner: SubqueryPlanner, outer: Planned, side: SubquerySide, name: string): Planned {
  const leftWidth = outer.exec.schema.fields.length
  const rightFields = side.right.exec.schema.fields
  const valueField = rightFields[0]!
  const value = Expr.ref(leftWidth, valueField.name, valueField.dataType, true)
  const onNoRows = side.predicates.length === 0 ? undefined : aggregateOnNoRows(side.right.exec, planner.evalContext)
  if (onNoRows === undefined || onNoRows.value === null) {
    return joinSubquery(planner, outer, side.right, 'single', conjunction(side.predicates), name, value)
  }
  if (onNoRows.having) {
    throw new AnalysisError('UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY',
      'Unsupported subquery expression: Sluice does not plan a correlated scalar subquery with HAVING whose aggregate has a value on no rows (such as count).')
  }
  // Spark's alwaysTrue column: null after the join exactly when no group matched the outer row.
  const right = side.right.exec
  const present: PhysicalPlan = {
    kind: 'Project', input: right, schema: StructType([...rightFields, StructField('alwaysTrue', BooleanType, false)]),
    exprs: [...rightFields.map((_, i) => columnRef(right.schema, i)), Expr.alias(Expr.literal(true, BooleanType), 'alwaysTrue')],
  }
  const flag = Expr.ref(leftWidth + rightFields.length, 'alwaysTrue', BooleanType, true)
  const corrected = Expr.caseWhen([{ when: Expr.call('isnull', [flag]), then: Expr.literal(onNoRows.value, valueField.dataType) }], value)
  return joinSubquery(planner, outer, { ...side.right, exec: present }, 'single', conjunction(side.predicates), name, corrected)
}

/**
 * The value of an aggregate subquery's first column on no input rows (Spark's evalSubqueryOnZeroTups):
 * each aggregate's result over an empty buffer, grouping columns null. Undefined when the subquery is no aggregate.
 */
function aggregateOnNoRows(exec: PhysicalPlan, evalContext: EvalContext): { value: unknown; having: boolean } | undefined {
  const having = exec.kind === 'Project' && exec.input.kind === 'Filter' && exec.input.input.kind === 'HashAggregate'
  const aggregate = having ? (exec as { input: { input: PhysicalPlan } }).input.input : exec.kind === 'Sort' ? exec.input : exec
  if (aggregate.kind !== 'HashAggregate') return undefined
  const row = [
    ...aggregate.grouping.map(() => null),
    ...aggregate.aggregates.map((call) => {
      const compiled = compileAggregate(call, aggregate.input.schema, evalContext)
      return compiled.evaluate(compiled.init())
    }),
  ]
  return { value: compileExpr(aggregate.results[0]!, StructType([]), evalContext).eval(row), having }
}

/**
 * The physical join of the outer rows with a planned subquery: a hash join on the equalities between
 * an outer and a subquery expression of one type, the other conjuncts checked on the joined row.
 * Semi / anti joins keep the outer columns; existence adds its boolean, `single` adds `value`.
 */
function joinSubquery(planner: SubqueryPlanner, outer: Planned, right: Planned, joinType: PhysicalJoinType, condition: Expr | undefined,
  name = '', value?: Expr): Planned {
  const leftSchema = outer.exec.schema
  const leftWidth = leftSchema.fields.length
  const joined = StructType([...leftSchema.fields, ...right.exec.schema.fields])
  if (condition !== undefined) compileExpr(condition, joined, planner.evalContext)
  const leftKeys: Expr[] = []
  const rightKeys: Expr[] = []
  const residual: Expr[] = []
  for (const conjunct of condition === undefined ? [] : splitConjuncts(condition)) {
    const keys = equiJoinKeys(conjunct, leftWidth)
    const typeOf = (e: Expr, schema: StructType) => JSON.stringify(compileExpr(e, schema, planner.evalContext).dataType)
    if (keys !== undefined && typeOf(keys[0], leftSchema) === typeOf(keys[1], right.exec.schema)) {
      leftKeys.push(keys[0])
      rightKeys.push(keys[1])
    } else {
      residual.push(conjunct)
    }
  }
  const outerColumns = leftSchema.fields.map((_, i) => columnRef(leftSchema, i))
  const output = joinType === 'single' ? [...outerColumns, Expr.alias(value!, name)] : undefined
  const added = joinType === 'existence' ? [StructField(name, BooleanType, false)]
    : output === undefined ? []
    : [StructField(name, compileExpr(output.at(-1)!, joined, planner.evalContext).dataType, true)]
  const schema = StructType([...leftSchema.fields, ...added])
  const rest = conjunction(residual)
  const base = { left: outer.exec, right: right.exec, joinType, schema, ...(output ? { output } : {}) }
  const exec: PhysicalPlan = leftKeys.length > 0
    ? { kind: 'HashJoin', ...base, leftKeys, rightKeys, ...(rest ? { residual: rest } : {}) }
    : { kind: 'NestedLoopJoin', ...base, ...(rest ? { condition: rest } : {}) }
  return { ...outer, exec, qualifiers: [...outer.qualifiers, ...added.map(() => undefined)] }
}

function streams(plan: PhysicalPlan): boolean {
  return plan.kind === 'StreamInput' || physicalChildren(plan).some(streams)
}
