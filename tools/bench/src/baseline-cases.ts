import { readFile } from 'node:fs/promises'
import { BenchSkipped, type BenchCase } from './bench-case.js'
import { COURSE_DUCKDB_COLUMNS } from './course-schema.js'

/** (a) The baseline: read each file, split lines, `JSON.parse` each line. */
export const jsonParseLoopCase: BenchCase = {
  name: 'json-parse-loop',
  description: 'readFile + split lines + JSON.parse per line (the baseline)',
  async run(context) {
    let rows = 0
    let stand = 0
    for (const path of context.files) {
      const text = await readFile(path, 'utf8')
      for (const line of text.split('\n')) {
        if (line.length === 0) continue
        const record = JSON.parse(line) as { gt: string | null }
        if (record.gt === 'stand') stand++
        rows++
      }
    }
    return { rows, extra: { stand } }
  },
}

type DuckConnection = {
  run(sql: string): Promise<unknown>
  runAndReadAll(sql: string): Promise<{ getRows(): unknown[][] }>
  closeSync(): void
}
let duck: { instance: { closeSync(): void }; connection: DuckConnection } | undefined

/** (d) DuckDB, one thread, the columns declared: GROUP BY gt COUNT(*). */
export const duckdbGroupByCountCase: BenchCase = {
  name: 'duckdb-groupBy-count',
  description: "DuckDB read_json(columns=..., format='newline_delimited') GROUP BY gt COUNT(*), threads=1",
  async setup() {
    let api: { DuckDBInstance: { create(path?: string): Promise<{ connect(): Promise<DuckConnection>; closeSync(): void }> } }
    try {
      api = (await import('@duckdb/node-api')) as unknown as typeof api
    } catch (error) {
      throw new BenchSkipped(`@duckdb/node-api is not available: ${(error as Error).message}`)
    }
    const instance = await api.DuckDBInstance.create(':memory:')
    const connection = await instance.connect()
    await connection.run('SET threads=1')
    duck = { instance, connection }
  },
  async run(context) {
    const glob = `${context.dataDir}/*.json`.replaceAll("'", "''")
    const reader = await duck!.connection.runAndReadAll(
      `SELECT gt, COUNT(*) AS count FROM read_json('${glob}', columns=${COURSE_DUCKDB_COLUMNS}, format='newline_delimited') GROUP BY gt`,
    )
    const rows = reader.getRows().reduce((sum, row) => sum + Number(row[1] as bigint), 0)
    return { rows }
  },
  async teardown() {
    duck?.connection.closeSync()
    duck?.instance.closeSync()
    duck = undefined
  },
}
