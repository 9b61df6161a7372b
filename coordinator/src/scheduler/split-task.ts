import { physicalChildren, type FileScanExec, type PhysicalPlan, type SourceSpec, type StreamTaskInput, type Task } from '@sluice/shared'
import { deltaReadTarget, listDataFiles, loadSnapshot } from '@sluice/storage'

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

/** A batch plan that reads one file scan (a Delta scan: of one table) through stateless operators, which can be split by files. */
export function splittableBatchScan(plan: PhysicalPlan): FileScanExec | undefined {
  if (!statelessOver(plan, 'FileScan') || containsCall(plan, PARTITION_DEPENDENT)) return undefined
  let node = plan
  while (node.kind !== 'FileScan') node = physicalChildren(node)[0]!
  const paths = node.source.paths.length
  return paths === 0 || (node.source.format === 'delta' && paths !== 1) || node.source.files !== undefined ? undefined : node
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
 * file twice (overlapping paths) is not split. A Delta table is split by the live
 * files of the version read (from its log), every task pinned to that version.
 */
export async function splitBatchTask(task: Task, slots: number, listFiles: (path: string, options: Readonly<Record<string, string>>) => Promise<readonly { readonly path: string }[]> = listDataFiles): Promise<Task[]> {
  if (slots < 2) return [task]
  const scan = splittableBatchScan(task.plan)
  if (!scan) return [task]
  const { source, files } = scan.source.format === 'delta'
    ? await deltaScanFiles(scan.source, task.evalContext.timeZone)
    : { source: scan.source, files: await listedFiles(scan.source, listFiles) }
  if (files.length < 2 || new Set(files).size !== files.length) return [task]
  return contiguous(files, Math.min(slots, files.length)).map((chunk, taskId) => ({
    ...task, taskId, plan: withScanSource(task.plan, { ...source, files: chunk }),
  }))
}

async function listedFiles(source: SourceSpec, listFiles: (path: string, options: Readonly<Record<string, string>>) => Promise<readonly { readonly path: string }[]>): Promise<string[]> {
  const files: string[] = []
  for (const path of source.paths) for (const file of await listFiles(path, source.options)) files.push(file.path)
  return files
}

/**
 * The live files of the Delta version a scan reads (the add actions' relative paths,
 * in the snapshot's order), and the scan's source pinned to that version: the table's
 * path without a time-travel suffix, `versionAsOf` in place of other time travel.
 */
async function deltaScanFiles(source: SourceSpec, timeZone: string): Promise<{ source: SourceSpec; files: string[] }> {
  const { path, travel } = deltaReadTarget(source.paths[0]!, source.options, timeZone)
  const snapshot = await loadSnapshot(path, travel)
  const { versionasof: _version, timestampasof: _timestamp, ...options } = source.options
  return { source: { ...source, paths: [path], options: { ...options, versionasof: String(snapshot.version) } }, files: snapshot.files.map((file) => file.path) }
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

/** The plan with its (one) file scan reading `source` (a chunk of the files). */
function withScanSource(plan: PhysicalPlan, source: SourceSpec): PhysicalPlan {
  if (plan.kind === 'FileScan') return { ...plan, source }
  if (plan.kind === 'Project' || plan.kind === 'Filter' || plan.kind === 'Generate') return { ...plan, input: withScanSource(plan.input, source) } as PhysicalPlan
  throw new Error(`withScanSource: unexpected ${plan.kind} above a split file scan`)
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
