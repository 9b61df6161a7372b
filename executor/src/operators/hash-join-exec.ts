import { compileExpr, scalarSubqueryTooManyRows, type CompiledExpr, type HashJoinExec, type NestedLoopJoinExec, type Row, type StructType } from '@sluice/shared'
import type { TaskContext } from '../runtime/task-context.js'
import { groupKey } from './group-key.js'

/**
 * Equi-join: builds a hash table over the right input, streams the left. Keys with
 * a null never match (SQL equality). Outer joins pad the missing side with nulls;
 * semi/anti emit left rows only, existence each left row with whether it matched.
 * `residual` is checked on the joined row.
 */
export async function* runHashJoin(plan: HashJoinExec, left: AsyncIterable<Row[]>, right: AsyncIterable<Row[]>, context: TaskContext): AsyncIterable<Row[]> {
  const leftKeys = plan.leftKeys.map((e) => compileExpr(e, plan.left.schema, context.evalContext))
  const rightKeys = plan.rightKeys.map((e) => compileExpr(e, plan.right.schema, context.evalContext))
  const table = new Map<unknown, Row[]>()
  const rightRows: Row[] = []
  for await (const batch of right) {
    for (const row of batch) {
      rightRows.push(row)
      const values = rightKeys.map((k) => k.eval(row))
      if (values.some((v) => v === null)) continue
      const key = groupKey(values)
      const bucket = table.get(key)
      if (bucket) bucket.push(row)
      else table.set(key, [row])
    }
  }
  const lookup = (row: Row): readonly Row[] => {
    const values = leftKeys.map((k) => k.eval(row))
    if (values.some((v) => v === null)) return []
    return table.get(groupKey(values)) ?? []
  }
  yield* joinRows(plan, left, rightRows, lookup, context)
}

/** Joins without equality keys: every left row against every right row. */
export async function* runNestedLoopJoin(plan: NestedLoopJoinExec, left: AsyncIterable<Row[]>, right: AsyncIterable<Row[]>, context: TaskContext): AsyncIterable<Row[]> {
  const rightRows: Row[] = []
  for await (const batch of right) rightRows.push(...batch)
  // An uncorrelated scalar subquery: Spark evaluates it once before the outer query (ScalarSubquery's
  // updateResult), so a second row fails even when no outer row would read it.
  if (plan.joinType === 'single' && plan.condition === undefined && rightRows.length > 1) throw scalarSubqueryTooManyRows()
  yield* joinRows({ ...plan, residual: plan.condition }, left, rightRows, () => rightRows, context)
}

interface JoinShape {
  readonly joinType: HashJoinExec['joinType']
  readonly left: { readonly schema: StructType }
  readonly right: { readonly schema: StructType }
  readonly residual?: HashJoinExec['residual']
  readonly output?: HashJoinExec['output']
  readonly schema: StructType
}

async function* joinRows(plan: JoinShape, left: AsyncIterable<Row[]>, rightRows: readonly Row[], candidates: (row: Row) => readonly Row[], context: TaskContext): AsyncIterable<Row[]> {
  const leftWidth = plan.left.schema.fields.length
  const rightWidth = plan.right.schema.fields.length
  const joinedSchema: StructType = { kind: 'struct', fields: [...plan.left.schema.fields, ...plan.right.schema.fields] }
  const residual: CompiledExpr | undefined = plan.residual ? compileExpr(plan.residual, joinedSchema, context.evalContext) : undefined
  const output = plan.output?.map((e) => compileExpr(e, joinedSchema, context.evalContext))
  const emit = (joined: Row): Row => (output ? output.map((o) => o.eval(joined)) : joined)
  const type = plan.joinType
  const trackRight = type === 'right' || type === 'full'
  const matchedRight = trackRight ? new Set<Row>() : undefined
  const nullRight: Row = new Array(rightWidth).fill(null)
  for await (const batch of left) {
    const out: Row[] = []
    for (const row of batch) {
      let matched = false
      for (const other of candidates(row)) {
        const joined = row.concat(other)
        if (residual && residual.eval(joined) !== true) continue
        if (matched && type === 'single') throw scalarSubqueryTooManyRows()
        matched = true
        if (type === 'semi' || type === 'anti' || type === 'existence') break
        matchedRight?.add(other)
        out.push(emit(joined))
      }
      if (type === 'semi' && matched) out.push(row)
      else if (type === 'anti' && !matched) out.push(row)
      else if (type === 'existence') out.push(row.concat([matched]))
      else if (!matched && (type === 'left' || type === 'full' || type === 'single')) out.push(emit(row.concat(nullRight)))
    }
    if (out.length > 0) yield out
  }
  if (matchedRight) {
    const nullLeft: Row = new Array(leftWidth).fill(null)
    const out: Row[] = []
    for (const other of rightRows) if (!matchedRight.has(other)) out.push(emit(nullLeft.concat(other)))
    if (out.length > 0) yield out
  }
}
