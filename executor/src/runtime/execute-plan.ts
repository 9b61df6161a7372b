import { InternalError, type PhysicalPlan, type Row } from '@sluice/shared'
import type { TaskContext } from './task-context.js'
import { runProject } from '../operators/project-exec.js'
import { runFilter } from '../operators/filter-exec.js'
import { runHashAggregate } from '../operators/hash-aggregate-exec.js'
import { runExpand } from '../operators/expand-exec.js'
import { runHashJoin, runNestedLoopJoin } from '../operators/hash-join-exec.js'
import { runUnion } from '../operators/union-exec.js'
import { runSort } from '../operators/sort-exec.js'
import { runLimit } from '../operators/limit-exec.js'
import { runDeduplicate } from '../operators/deduplicate-exec.js'
import { runWatermark } from '../operators/watermark-exec.js'
import { runStreamStreamJoin } from '../operators/stream-stream-join-exec.js'
import { runGenerate } from '../operators/generate-exec.js'
import { runSetOperation } from '../operators/set-operation-exec.js'
import { runWindow } from '../operators/window-exec.js'

/** Runs a physical plan, pulling batches of rows from its leaves. */
export function executePlan(plan: PhysicalPlan, context: TaskContext): AsyncIterable<Row[]> {
  switch (plan.kind) {
    case 'FileScan': return context.readSource(plan.source, plan.schema, plan.requiredColumns, plan.pushedFilters)
    case 'LocalScan': return fromArray(plan.rows)
    case 'StreamInput': {
      const input = context.streaming?.inputs.get(plan.sourceIndex)
      if (input === undefined) throw new InternalError(`no input for streaming source ${plan.sourceIndex} in this batch`)
      return input()
    }
    case 'Project': return runProject(plan, executePlan(plan.input, context), context)
    case 'Filter': return runFilter(plan, executePlan(plan.input, context), context)
    case 'HashAggregate': return runHashAggregate(plan, executePlan(plan.input, context), context)
    case 'Expand': return runExpand(plan, executePlan(plan.input, context), context)
    case 'HashJoin': return runHashJoin(plan, executePlan(plan.left, context), executePlan(plan.right, context), context)
    case 'NestedLoopJoin': return runNestedLoopJoin(plan, executePlan(plan.left, context), executePlan(plan.right, context), context)
    case 'StreamStreamJoin': return runStreamStreamJoin(plan, executePlan(plan.left, context), executePlan(plan.right, context), context)
    case 'Union': return runUnion(plan.inputs.map((p) => executePlan(p, context)))
    case 'Sort': return runSort(plan, executePlan(plan.input, context), context)
    case 'Limit': return runLimit(plan, executePlan(plan.input, context), context)
    case 'Deduplicate': return runDeduplicate(plan, executePlan(plan.input, context), context)
    case 'Watermark': return runWatermark(plan, executePlan(plan.input, context), context)
    case 'Generate': return runGenerate(plan, executePlan(plan.input, context), context)
    case 'Window': return runWindow(plan, executePlan(plan.input, context), context)
    case 'SetOperation': return runSetOperation(plan, executePlan(plan.left, context), executePlan(plan.right, context))
  }
}

/** Runs a plan to completion and returns every row. */
export async function collectPlan(plan: PhysicalPlan, context: TaskContext): Promise<Row[]> {
  const rows: Row[] = []
  for await (const batch of executePlan(plan, context)) for (const row of batch) rows.push(row)
  return rows
}

export async function* fromArray(rows: readonly Row[]): AsyncIterable<Row[]> {
  for (let i = 0; i < rows.length; i += 4096) yield rows.slice(i, i + 4096)
}
