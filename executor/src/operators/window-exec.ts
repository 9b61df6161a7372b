import { compileExpr, type Row, type WindowExec } from '@sluice/shared'
import type { TaskContext } from '../runtime/task-context.js'
import { compareValues } from './value-ordering.js'
import { compareKey, compileWindowFunction, type PartitionRows } from './window-functions.js'

interface OrderKey { readonly eval: (row: Row) => unknown; readonly direction: number; readonly nullsFirst: boolean }

/**
 * Spark's WindowExec in one task: reads every input row, sorts by the partition keys
 * then the order keys (stable, so peers keep their input order), and emits each row
 * with its window function values, computed one partition at a time.
 */
export async function* runWindow(plan: WindowExec, input: AsyncIterable<Row[]>, context: TaskContext): AsyncIterable<Row[]> {
  const schema = plan.input.schema
  const ctx = context.evalContext
  const partitionKeys = plan.partitionSpec.map((e) => compileExpr(e, schema, ctx))
  const orderKeys: OrderKey[] = plan.orderSpec.map((o) => {
    const compiled = compileExpr(o.child, schema, ctx)
    return { eval: (row) => compiled.eval(row) ?? null, direction: o.ascending ? 1 : -1, nullsFirst: o.nullsFirst }
  })
  const functions = plan.functions.map((f) => compileWindowFunction(f, schema, ctx, orderKeys[0]))

  const entries: { row: Row; partition: unknown[]; order: unknown[] }[] = []
  for await (const batch of input) {
    for (const row of batch) {
      entries.push({ row, partition: partitionKeys.map((k) => k.eval(row) ?? null), order: orderKeys.map((k) => k.eval(row)) })
    }
  }
  const compareOrder = (a: readonly unknown[], b: readonly unknown[]): number => {
    for (let i = 0; i < orderKeys.length; i++) {
      const c = compareKey(a[i], b[i], orderKeys[i]!)
      if (c !== 0) return c
    }
    return 0
  }
  entries.sort((a, b) => comparePartition(a.partition, b.partition) || compareOrder(a.order, b.order))

  const output: Row[] = []
  let start = 0
  while (start < entries.length) {
    let end = start + 1
    while (end < entries.length && comparePartition(entries[start]!.partition, entries[end]!.partition) === 0) end++
    const slice = entries.slice(start, end)
    const partition: PartitionRows = {
      rows: slice.map((e) => e.row),
      orderValues: slice.map((e) => e.order),
      compareOrder,
    }
    const values = functions.map((f) => f(partition))
    slice.forEach((e, i) => output.push([...e.row, ...values.map((v) => v[i])]))
    start = end
    if (output.length >= 4096) yield output.splice(0, output.length)
  }
  if (output.length > 0) yield output
}

/** Partition keys only need equal keys adjacent: ascending, nulls first. */
function comparePartition(a: readonly unknown[], b: readonly unknown[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]
    const y = b[i]
    if (x === null || y === null) {
      if (x === y) continue
      return x === null ? -1 : 1
    }
    const c = compareValues(x, y)
    if (c !== 0) return c
  }
  return 0
}
