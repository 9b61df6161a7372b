import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SessionConfig, parseQuery, type Task, type TaskResult } from '@sluice/shared'
import { QueryEngine } from '../session/query-engine.js'
import { createInProcessScheduler } from '../scheduler/in-process-scheduler.js'
import type { RunTasksOptions, TaskScheduler } from '../scheduler/task-scheduler.js'
import type { WriteSpec } from './write-spec.js'

/** The in-process scheduler with two slots (worker threads), recording every job's tasks. */
class RecordingScheduler implements TaskScheduler {
  readonly jobs: Task[][] = []
  readonly #inner = createInProcessScheduler({ threads: () => 2 })
  runTasks(tasks: readonly Task[], options?: RunTasksOptions): Promise<TaskResult[]> {
    this.jobs.push([...tasks])
    return this.#inner.runTasks(tasks, options)
  }
  availableSlots(): number { return this.#inner.availableSlots() }
  close(): Promise<void> { return this.#inner.close() }
}

let root: string
let input: string
let scheduler: RecordingScheduler
let engine: QueryEngine

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'sluice-save-batch-'))
  input = join(root, 'in')
  await mkdir(input)
  // Three files of three rows: ids 0..8.
  for (let f = 0; f < 3; f++) await writeFile(join(input, `f${f}.json`), [0, 1, 2].map((i) => `{"id":${f * 3 + i}}`).join('\n') + '\n')
  scheduler = new RecordingScheduler()
  engine = new QueryEngine(new SessionConfig(), { scheduler })
})
afterAll(async () => {
  await scheduler.close()
  await rm(root, { recursive: true, force: true })
})

const query = (where = 'true') => parseQuery(`SELECT id FROM json.\`${input}\` WHERE ${where}`)
const spec = (format: string, path: string, mode: WriteSpec['mode'], options: Record<string, string> = {}): WriteSpec => ({ format, mode, path, partitionBy: [], options })

/** Every file under `folder`, relative, sorted (hidden ones too). */
async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true })
  return entries.filter((e) => e.isFile()).map((e) => relative(folder, join(e.parentPath, e.name))).sort()
}

/** The ids of the JSON lines of the data files under `folder` (plain JSON.parse, no Sluice reader). */
async function jsonIds(folder: string): Promise<number[]> {
  const ids: number[] = []
  for (const name of (await filesUnder(folder)).filter((n) => n.endsWith('.json'))) {
    for (const line of (await readFile(join(folder, name), 'utf8')).split('\n')) if (line.trim() !== '') ids.push((JSON.parse(line) as { id: number }).id)
  }
  return ids.sort((a, b) => a - b)
}

describe('a batch file write', () => {
  it('should run as split write tasks into a staging folder, then appear with _SUCCESS; append, error and ignore as Spark', async () => {
    const out = join(root, 'out-json')
    const before = scheduler.jobs.length
    await engine.save(query(), spec('json', out, 'errorifexists'))
    const job = scheduler.jobs[before]!
    expect(scheduler.jobs.length - before).toBe(1)
    expect(job).toHaveLength(2)
    // Each task writes its rows itself, into the same hidden staging folder beside the output; only the first writes a file without rows.
    const staging = job[0]!.sinkWrite!.path
    expect(job.map((t) => [t.sinkWrite?.format, t.sinkWrite?.path, t.sinkWrite?.writeEmptyFile === true])).toEqual([['json', staging, true], ['json', staging, false]])
    expect(staging).toMatch(new RegExp(`^${root}/\\.out-json-staging-`))
    expect(await jsonIds(out)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8])
    expect(await filesUnder(out)).toContain('_SUCCESS')
    expect((await readdir(root)).filter((name) => name.startsWith('.'))).toEqual([])

    await engine.save(query('id >= 7'), spec('json', out, 'append'))
    expect(await jsonIds(out)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 7, 8, 8])
    await expect(engine.save(query(), spec('json', out, 'error'))).rejects.toThrow(/PATH_ALREADY_EXISTS/)
    await engine.save(query(), spec('json', out, 'ignore'))
    expect(await jsonIds(out)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 7, 8, 8])
    await engine.save(query('id < 2'), spec('json', out, 'overwrite'))
    expect(await jsonIds(out)).toEqual([0, 1])
  })

  it('should write one empty file for an empty result (Spark\'s first task does), however many tasks ran', async () => {
    const out = join(root, 'out-empty')
    const before = scheduler.jobs.length
    await engine.save(query('id < 0'), spec('json', out, 'overwrite'))
    expect(scheduler.jobs[before]).toHaveLength(2)
    const files = await filesUnder(out)
    expect(files.filter((name) => name.endsWith('.json'))).toHaveLength(1)
    expect(files).toContain('_SUCCESS')
    expect(await jsonIds(out)).toEqual([])
  })
})

/** The actions of Delta commit `version` of `table`, parsed. */
async function commitActions(table: string, version: number): Promise<Record<string, Record<string, unknown>>[]> {
  const text = await readFile(join(table, '_delta_log', `${String(version).padStart(20, '0')}.json`), 'utf8')
  return text.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as Record<string, Record<string, unknown>>)
}

describe('a batch Delta write', () => {
  const table = () => join(root, 'table')
  const ids = async (sql = `SELECT id FROM delta.\`${table()}\``) => (await engine.collect(parseQuery(sql))).rows.map((row) => Number(row[0])).sort((a, b) => a - b)

  it('should commit once the add actions of the files the tasks wrote', async () => {
    const before = scheduler.jobs.length
    await engine.save(query(), spec('delta', table(), 'errorifexists'))
    const job = scheduler.jobs[before]!
    expect(job.map((t) => t.sinkWrite?.delta?.tablePath)).toEqual([table(), table()])
    const actions = await commitActions(table(), 0)
    const adds = actions.flatMap((a) => (a['add'] ? [a['add']] : []))
    // The commit names exactly the data files on disk, with their row counts (stats) summing to the input's nine rows.
    expect(adds.map((add) => decodeURIComponent(add['path'] as string)).sort()).toEqual((await filesUnder(table())).filter((n) => n.endsWith('.parquet')))
    expect(adds.reduce((n, add) => n + (JSON.parse(add['stats'] as string) as { numRecords: number }).numRecords, 0)).toBe(9)
    expect(await readdir(join(table(), '_delta_log'))).toEqual(['00000000000000000000.json'])
    expect(await ids()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8])
  })

  it('should split a scan of the table by its data files, every task reading the version planned', async () => {
    const before = scheduler.jobs.length
    expect(await ids()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8])
    const job = scheduler.jobs[before]!
    expect(job.length).toBe(2)
    const sources = job.map((t) => JSON.stringify(t.plan).match(/"versionasof":"(\d+)"/)?.[1])
    expect(sources).toEqual(['0', '0'])
  })

  it('should replace the rows a replaceWhere on a data column matches, the tasks rewriting the files that hold one', async () => {
    const liveBefore = (await commitActions(table(), 0)).flatMap((a) => (a['add'] ? [a['add']['path']] : []))
    await engine.save(query('id >= 7'), spec('delta', table(), 'overwrite', { replacewhere: 'id >= 4' }))
    expect(await ids()).toEqual([0, 1, 2, 3, 7, 8])
    const actions = await commitActions(table(), 1)
    const removed = actions.flatMap((a) => (a['remove'] ? [a['remove']['path']] : []))
    // Version 0's two files (one per task: ids 0..5 and 6..8) each hold an id >= 4: both are replaced, ids 0..3 written again.
    expect(liveBefore).toHaveLength(2)
    expect([...removed].sort()).toEqual([...liveBefore].sort())
    const commitInfo = actions.find((a) => a['commitInfo'])!['commitInfo']!
    expect(JSON.parse((commitInfo['operationParameters'] as Record<string, string>)['predicate']!)).toEqual(['id >= 4'])
    await expect(engine.save(query('id < 2'), spec('delta', table(), 'overwrite', { replacewhere: 'id >= 4' }))).rejects.toThrow(/DELTA_REPLACE_WHERE_MISMATCH/)
    expect(await ids()).toEqual([0, 1, 2, 3, 7, 8])
    // On disk: the files of both versions (a removed file stays until VACUUM), none of the failed write's tasks.
    const addedBy = async (version: number) => (await commitActions(table(), version)).flatMap((x) => (x['add'] ? [decodeURIComponent(x['add']['path'] as string)] : []))
    expect((await filesUnder(table())).filter((n) => n.endsWith('.parquet'))).toEqual([...await addedBy(0), ...await addedBy(1)].sort())
  })
})

/**
 * The in-process scheduler, as if task 0 of every job had lost an attempt 9 with its
 * executor (SIGKILL): that attempt's file is left in the write's folder, and the
 * result says it was superseded, as the cluster scheduler does.
 */
class LostAttemptScheduler implements TaskScheduler {
  readonly orphans: string[] = []
  readonly #inner = createInProcessScheduler({ threads: () => 2 })
  async runTasks(tasks: readonly Task[], options?: RunTasksOptions): Promise<TaskResult[]> {
    const results = await this.#inner.runTasks(tasks, options)
    const write = tasks[0]!.sinkWrite!
    const filesJobId = `${write.jobId}-t0-a9`
    const orphan = join(write.path, write.delta ? `part-00000-${filesJobId}-c000.snappy.parquet` : `part-00000-${filesJobId}.c000.json`)
    await writeFile(orphan, write.delta ? 'PAR1' : '{"id":99}\n')
    this.orphans.push(orphan)
    return results.map((r, i) => (i === 0 ? { ...r, supersededAttempts: [{ taskId: 0, attempt: 9, filesJobId }] } : r))
  }
  availableSlots(): number { return this.#inner.availableSlots() }
  close(): Promise<void> { return this.#inner.close() }
}

describe('a batch write whose task lost an attempt', () => {
  let lost: LostAttemptScheduler
  let lossyEngine: QueryEngine
  beforeAll(() => {
    lost = new LostAttemptScheduler()
    lossyEngine = new QueryEngine(new SessionConfig(), { scheduler: lost })
  })
  afterAll(async () => { await lost.close() })

  it('should leave the lost attempt\'s files out of a file write (deleted from staging before it becomes the path)', async () => {
    const out = join(root, 'out-lost-json')
    await lossyEngine.save(query(), spec('json', out, 'overwrite'))
    expect(await jsonIds(out)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8])
    expect((await filesUnder(out)).filter((name) => name.includes('-a9'))).toEqual([])
  })

  it('should delete the lost attempt\'s files from the Delta table after the commit', async () => {
    const table = join(root, 'delta-lost')
    await lossyEngine.save(query(), spec('delta', table, 'overwrite'))
    const orphan = lost.orphans.at(-1)!
    expect(orphan.startsWith(table)).toBe(true)
    const added = (await commitActions(table, 0)).flatMap((x) => (x['add'] ? [decodeURIComponent(x['add']['path'] as string)] : []))
    expect(added.length).toBeGreaterThan(0)
    // On disk: exactly the committed files, named by their task and (accepted) attempt 0.
    expect((await filesUnder(table)).filter((n) => n.endsWith('.parquet'))).toEqual([...added].sort())
    for (const name of added) expect(name).toMatch(/^part-\d{5}-[0-9a-f-]{36}-t\d+-a0-c000\.snappy\.parquet$/)
  })
})
