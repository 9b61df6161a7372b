// Bench cases of the table formats: Parquet write/read, JSON→Delta streaming append, full Delta read.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DoubleType, LongType, StringType, StructField, StructType, type Row } from '@sluice/shared'
import { deltaSinkAddBatch, readDeltaTable, readParquetFile, writeParquetFile } from '@sluice/executor'

/** One bench case: `run` does the work once and says how many rows it handled. */
export interface TableFormatBenchCase {
  readonly name: string
  readonly description?: string
  /** Untimed preparation (generating input rows); `run` does it itself when not called. */
  setup?(): Promise<void>
  run(): Promise<{ rows: number }>
  /** Untimed cleanup after the last run (the last case removes the shared temp folder). */
  teardown?(): Promise<void>
}

/** The course schema (activity data). */
export const COURSE_SCHEMA = StructType([
  StructField('Arrival_Time', LongType), StructField('Creation_Time', LongType), StructField('Device', StringType),
  StructField('Index', LongType), StructField('Model', StringType), StructField('User', StringType),
  StructField('geolocation', StructType([StructField('city', StringType), StructField('country', StringType)])),
  StructField('gt', StringType), StructField('id', LongType), StructField('x', DoubleType), StructField('y', DoubleType), StructField('z', DoubleType),
])

const MODELS = ['nexus4', 's3', 's3mini', 'samsungold']
const USERS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']
const LABELS = ['bike', 'sit', 'stand', 'walk', 'stairsup', 'stairsdown', null]
const PLACES = [['Berlin', 'Germany'], ['Paris', 'France'], ['Oslo', 'Norway'], ['Rome', 'Italy']]

/** `n` course-like JSON lines (Creation_Time beyond 2^53, as in the dataset). */
export function courseJsonLines(n: number): string[] {
  const lines = new Array<string>(n)
  for (let i = 0; i < n; i++) {
    const model = MODELS[i % 4]!
    const place = PLACES[i % 4]!
    const gt = LABELS[i % 7]
    lines[i] = `{"Arrival_Time":${1424686735090 + i},"Creation_Time":${1424686733090638193n + BigInt(i) * 1000n},"Device":"${model}_${i % 2 + 1}","Index":${i % 5000},"Model":"${model}","User":"${USERS[i % 9]}","geolocation":{"city":"${place[0]}","country":"${place[1]}"},"gt":${gt === null ? 'null' : `"${gt}"`},"id":null,"x":${Math.sin(i) * 0.01},"y":${Math.cos(i) * 0.02},"z":${(i % 100) / 1000}}`
  }
  return lines
}

const BIG_INT_FIELD = /"Creation_Time":(-?\d+)/

/** Parses one course JSON line to a row of internal values (Creation_Time kept exact). */
export function courseRowFromJson(line: string): Row {
  const o = JSON.parse(line) as Record<string, unknown>
  const creation = BIG_INT_FIELD.exec(line)
  const geo = o['geolocation'] as { city: string; country: string } | null
  return [
    BigInt(o['Arrival_Time'] as number), creation ? BigInt(creation[1]!) : null, o['Device'], BigInt(o['Index'] as number), o['Model'], o['User'],
    geo ? [geo.city, geo.country] : null, o['gt'], o['id'] === null ? null : BigInt(o['id'] as number), o['x'], o['y'], o['z'],
  ]
}

/**
 * The cases on `n` generated rows, sharing one temp folder (cleaned by `cleanup`):
 * parquet-write (rows already parsed), then parquet-read of that file;
 * delta-append (JSON lines parsed and appended as streaming micro-batches of
 * `batchRows`, parsing included), then delta-read. Call `setup` untimed first.
 */
export function makeTableFormatBenchCases(n = Number(process.env['SLUICE_BENCH_ROWS'] ?? 200_000), batchRows = 50_000): TableFormatBenchCase[] & { cleanup(): Promise<void> } {
  let dir: string | undefined
  const folder = async (): Promise<string> => (dir ??= await mkdtemp(join(tmpdir(), 'sluice-bench-tables-')))
  let rows: Row[] | undefined
  let lines: string[] | undefined
  let parquetPath: string | undefined
  let tablePath: string | undefined
  const cases: TableFormatBenchCase[] = [
    {
      name: 'parquet-write',
      description: 'course rows (internal values) to one snappy Parquet file, stats included',
      async setup() {
        rows ??= courseJsonLines(n).map(courseRowFromJson)
      },
      async run() {
        rows ??= courseJsonLines(n).map(courseRowFromJson)
        parquetPath = join(await folder(), `course-${Date.now()}-${Math.random().toString(36).slice(2)}.snappy.parquet`)
        const written = await writeParquetFile(parquetPath, COURSE_SCHEMA, rows, {})
        return { rows: written.numRows }
      },
    },
    {
      name: 'parquet-read',
      description: 'that Parquet file back to rows, all columns',
      async setup() {
        if (!parquetPath) await cases[0]!.run()
      },
      async run() {
        if (!parquetPath) await cases[0]!.run()
        let count = 0
        for await (const batch of readParquetFile(parquetPath!, { schema: COURSE_SCHEMA, options: {} })) count += batch.length
        return { rows: count }
      },
    },
    {
      name: 'delta-append',
      description: 'JSON lines parsed and appended to a new Delta table as streaming micro-batches (txn, stats, checkpoints)',
      async setup() {
        lines ??= courseJsonLines(n)
      },
      async run() {
        lines ??= courseJsonLines(n)
        tablePath = join(await folder(), `delta-${Date.now()}-${Math.random().toString(36).slice(2)}`)
        for (let start = 0, batchId = 0; start < lines.length; start += batchRows, batchId++) {
          const batch = lines.slice(start, start + batchRows).map(courseRowFromJson)
          await deltaSinkAddBatch(tablePath, 'bench-query', batchId, batch, COURSE_SCHEMA, 'append')
        }
        return { rows: lines.length }
      },
    },
    {
      name: 'delta-read',
      description: 'full read of the Delta table delta-append wrote (all live files)',
      async teardown() {
        if (dir) await rm(dir, { recursive: true, force: true })
        dir = undefined
        parquetPath = undefined
        tablePath = undefined
      },
      async setup() {
        if (!tablePath) await cases[2]!.run()
      },
      async run() {
        if (!tablePath) await cases[2]!.run()
        let count = 0
        for await (const batch of (await readDeltaTable(tablePath!)).rows) count += batch.length
        return { rows: count }
      },
    },
  ]
  return Object.assign(cases, { cleanup: async () => { if (dir) await rm(dir, { recursive: true, force: true }) } })
}

/** The default cases (rows from SLUICE_BENCH_ROWS, 200 000 by default) for the bench harness. */
export const tableFormatBenchCases: readonly TableFormatBenchCase[] = makeTableFormatBenchCases()
