import { physicalChildren, type FileScanExec, type PhysicalPlan, type StreamTaskInput, type Task } from '@sluice/shared'
import { listDataFiles } from '@sluice/storage'

/**
 * The fewest rows a task of a split rows input (memory, rate, socket sources) gets:
 * below it a task's fixed cost (encoding, a call or a worker thread) outweighs its
 * work, so small batches stay one task.
 */
export const MIN_ROWS_PER_TASK = 1024

/**
 * Functions whose values depend on the partition a row is in (Spark seeds them with
 * the partition index, or counts per partition): a plan with one runs as one task,
 * as before splitting, so its answers do not change with the number of slots.
 */
const PARTITION_DEPENDENT = new Set(['rand', 'randn', 'random', 'uuid', 'shuffle', 'monotonically_increasing_id', 'spark_partition_id'])

/** A streaming plan whose input can be split across tasks: no state, no ordering, no global aggregate. */
export function isSplittableStreamingPlan(plan: PhysicalPlan): boolean {
  return statelessOver(plan, 'StreamInput') && !containsCall(plan, PARTITION_DEPENDENT)
}

/** A batch plan that reads one file scan (not Delta) through stateless operators, which can be split by files. */
export function splittableBatchScan(plan: PhysicalPlan): FileScanExec | undefined {
  if (!statelessOver(plan, 'FileScan') || containsCall(plan, PARTITION_DEPENDENT)) return undefined
  let node = plan
  while (node.kind !== 'FileScan') node = physicalChildren(node)[0]!
  return node.source.format === 'delta' || node.source.paths.length === 0 || node.source.files !== undefined ? undefined : node
}

/**
 * A stateless micro-batch split into `min(slots, inputs)` tasks over its one
 * source's input, in order: a file list in contiguous chunks, rows in contiguous
 * slices of at least {@link MIN_ROWS_PER_TASK}. Task `i` has `taskId` i; the
 * concatenation of the tasks' outputs in task order is the single task's output.
 * Anything else (stateful plans, several inputs, one slot) stays one task.
 */
export function splitStreamingTask(task: Task, slots: number): Task[] {
  const inputs = task.streaming?.inputs
  if (!task.streaming || !inputs || inputs.length !== 1 || slots < 2 || !isSplittableStreamingPlan(task.plan)) return [task]
  const input = inputs[0]!
  const parts = input.kind === 'files'
    ? contiguous(input.files, Math.min(slots, input.files.length)).map((files): StreamTaskInput => ({ sourceIndex: input.sourceIndex, kind: 'files', files }))
    : contiguous(input.rows, Math.min(slots, Math.floor(input.rows.length / MIN_ROWS_PER_TASK))).map((rows): StreamTaskInput => ({ sourceIndex: input.sourceIndex, kind: 'rows', rows }))
  if (parts.length < 2) return [task]
  return parts.map((part, taskId) => ({ ...task, taskId, streaming: { ...task.streaming!, inputs: [part] } }))
}

/**
 * A batch query split by the files of its scan ({@link splittableBatchScan}) into
 * `min(slots, files)` tasks, each reading a contiguous chunk of the listing (the
 * scan's `source.files`), so the tasks' rows in task order are the single task's.
 * Files are listed as the executor lists them (`listFiles`); a listing that names a
 * file twice (overlapping paths) is not split.
 */
export async function splitBatchTask(task: Task, slots: number, listFiles: (path: string, options: Readonly<Record<string, string>>) => Promise<readonly { readonly path: string }[]> = listDataFiles): Promise<Task[]> {
  if (slots < 2) return [task]
  const scan = splittableBatchScan(task.plan)
  if (!scan) return [task]
  const files: string[] = []
  for (const path of scan.source.paths) for (const file of await listFiles(path, scan.source.options)) files.push(file.path)
  if (files.length < 2 || new Set(files).size !== files.length) return [task]
  return contiguous(files, Math.min(slots, files.length)).map((chunk, taskId) => ({
    ...task, taskId, plan: withScanFiles(task.plan, chunk),
  }))
}

/** `items` in `n` contiguous parts of near-equal size (the first `length % n` one longer); [] when n < 1. */
export function contiguous<T>(items: readonly T[], n: number): T[][] {
  if (n < 1) return []
  const parts: T[][] = []
  const base = Math.floor(items.length / n)
  const extra = items.length % n
  let start = 0
  for (let i = 0; i < n; i++) {
    const size = base + (i < extra ? 1 : 0)
    parts.push(items.slice(start, start + size))
    start += size
  }
  return parts
}

/** Only these node kinds above one leaf of kind `leaf`. */
function statelessOver(plan: PhysicalPlan, leaf: 'StreamInput' | 'FileScan'): boolean {
  switch (plan.kind) {
    case 'StreamInput': case 'FileScan': return plan.kind === leaf
    case 'Project': case 'Filter': case 'Generate': return statelessOver(plan.input, leaf)
    case 'Watermark': return leaf === 'StreamInput' && statelessOver(plan.input, leaf)
    default: return false
  }
}

/** The plan with its (one) file scan reading only `files`. */
function withScanFiles(plan: PhysicalPlan, files: readonly string[]): PhysicalPlan {
  if (plan.kind === 'FileScan') return { ...plan, source: { ...plan.source, files } }
  if (plan.kind === 'Project' || plan.kind === 'Filter' || plan.kind === 'Generate') return { ...plan, input: withScanFiles(plan.input, files) } as PhysicalPlan
  throw new Error(`withScanFiles: unexpected ${plan.kind} above a split file scan`)
}

/** Whether any expression in the plan calls one of `names`. */
function containsCall(value: unknown, names: ReadonlySet<string>): boolean {
  if (typeof value !== 'object' || value === null) return false
  if (Array.isArray(value)) return value.some((item) => containsCall(item, names))
  const record = value as Record<string, unknown>
  if (record['kind'] === 'Call' && typeof record['name'] === 'string' && names.has(record['name'].toLowerCase())) return true
  for (const key in record) if (key !== 'schema' && containsCall(record[key], names)) return true
  return false
}
