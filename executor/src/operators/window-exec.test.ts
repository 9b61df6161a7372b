import { describe, expect, it } from 'vitest'
import {
  Expr, IntegerType, StringType, StructField, StructType,
  type PhysicalWindowFrame, type Row, type WindowExec, type WindowFunctionExec, type WindowFunctionKind,
} from '@sluice/shared'
import { runWindow } from './window-exec.js'
import type { TaskContext } from '../runtime/task-context.js'

// The examples of Spark's window function docs (windowExpressions.scala, ExpressionDescription):
// SELECT a, b, f OVER (PARTITION BY a ORDER BY b) FROM VALUES ('A1', 2), ('A1', 1), ('A2', 3), ('A1', 1) tab(a, b)
const schema = StructType([StructField('a', StringType), StructField('b', IntegerType)])
const rows: Row[] = [['A1', 2], ['A1', 1], ['A2', 3], ['A1', 1]]
const a = Expr.ref(0, 'a', StringType, true)
const b = Expr.ref(1, 'b', IntegerType, true)
const context = { evalContext: { ansi: true, timeZone: 'UTC', caseSensitive: false, currentTimestampMicros: 0 } } as TaskContext

const RUNNING_ROWS: PhysicalWindowFrame = { type: 'rows', lower: { kind: 'unboundedPreceding' }, upper: { kind: 'currentRow' } }
const RUNNING_RANGE: PhysicalWindowFrame = { type: 'range', lower: { kind: 'unboundedPreceding' }, upper: { kind: 'currentRow' } }
const offset = (n: number): PhysicalWindowFrame => ({ type: 'rows', lower: { kind: 'rows', offset: n }, upper: { kind: 'rows', offset: n } })
const fn = (kind: WindowFunctionKind, call: Expr, frame: PhysicalWindowFrame = RUNNING_ROWS): WindowFunctionExec => ({ kind, function: call, frame, sql: kind })
const NULL_INT = Expr.literal(null, IntegerType)
const FALSE = Expr.literal(false, { kind: 'boolean' })

async function evaluate(f: WindowFunctionExec, input: readonly Row[] = rows): Promise<unknown[][]> {
  const plan: WindowExec = {
    kind: 'Window', input: { kind: 'LocalScan', rows: input, schema }, partitionSpec: [a], orderSpec: [Expr.sortOrder(b, true, true)],
    functions: [f], schema: StructType([...schema.fields, StructField('w', IntegerType)]),
  }
  const out: unknown[][] = []
  for await (const batch of runWindow(plan, (async function* () { yield [...input] })(), context)) out.push(...batch)
  return out
}

describe('WindowExec over Spark documentation examples', () => {
  it('should number, rank and bucket rows within each partition', async () => {
    expect(await evaluate(fn('row_number', Expr.call('row_number', [])))).toEqual([['A1', 1, 1], ['A1', 1, 2], ['A1', 2, 3], ['A2', 3, 1]])
    expect((await evaluate(fn('rank', Expr.call('rank', [])))).map((r) => r[2])).toEqual([1, 1, 3, 1])
    expect((await evaluate(fn('dense_rank', Expr.call('dense_rank', [])))).map((r) => r[2])).toEqual([1, 1, 2, 1])
    expect((await evaluate(fn('percent_rank', Expr.call('percent_rank', [])))).map((r) => r[2])).toEqual([0, 0, 1, 0])
    expect((await evaluate(fn('cume_dist', Expr.call('cume_dist', []), RUNNING_RANGE))).map((r) => r[2])).toEqual([2 / 3, 2 / 3, 1, 1])
    expect((await evaluate(fn('ntile', Expr.call('ntile', [Expr.literal(2, IntegerType)])))).map((r) => r[2])).toEqual([1, 1, 2, 1])
  })

  it('should read neighbouring rows with lag and lead', async () => {
    const lag = Expr.call('lag', [b, Expr.literal(1, IntegerType), NULL_INT, FALSE])
    const lead = Expr.call('lead', [b, Expr.literal(1, IntegerType), NULL_INT, FALSE])
    expect((await evaluate(fn('lag', lag, offset(-1)))).map((r) => r[2])).toEqual([null, 1, 1, null])
    expect((await evaluate(fn('lead', lead, offset(1)))).map((r) => r[2])).toEqual([1, 2, null, null])
  })

  it('should take the nth row of the default RANGE frame, peers included', async () => {
    const nth = Expr.call('nth_value', [b, Expr.literal(2, IntegerType), FALSE])
    expect((await evaluate(fn('nth_value', nth, RUNNING_RANGE))).map((r) => r[2])).toEqual([1, 1, 1, null])
  })

  it('should split an uneven partition into buckets, the first ones one row larger (Spark NTile)', async () => {
    const seven: Row[] = Array.from({ length: 7 }, (_, i) => ['A', i])
    expect((await evaluate(fn('ntile', Expr.call('ntile', [Expr.literal(3, IntegerType)])), seven)).map((r) => r[2])).toEqual([1, 1, 1, 2, 2, 3, 3])
    expect((await evaluate(fn('ntile', Expr.call('ntile', [Expr.literal(9, IntegerType)])), seven)).map((r) => r[2])).toEqual([1, 2, 3, 4, 5, 6, 7])
  })
})
