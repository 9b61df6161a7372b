import { BenchSkipped, type BenchCase } from './bench-case.js'
import { COURSE_SCHEMA_DDL } from './course-schema.js'

// The public API, typed loosely: the bench must load (and skip these cases) while it is incomplete.
interface LooseDataFrame {
  groupBy(...columns: string[]): { count(): LooseDataFrame }
  where(condition: string): LooseDataFrame
  select(...columns: string[]): LooseDataFrame
  collect(): Promise<unknown[]>
}
interface LooseSession {
  read: { format(name: string): { schema(ddl: string): { load(path: string): LooseDataFrame } } }
  stop(): Promise<void>
}

let session: LooseSession | undefined

async function sluiceSession(): Promise<LooseSession> {
  if (session !== undefined) return session
  let client: { Sluice?: { builder(): { appName(name: string): { getOrCreate(): Promise<LooseSession> } } } }
  try {
    client = (await import('@sluice/client')) as typeof client
  } catch (error) {
    throw new BenchSkipped(`@sluice/client does not load: ${(error as Error).message}`)
  }
  if (client.Sluice === undefined) throw new BenchSkipped('@sluice/client does not export Sluice')
  session = await client.Sluice.builder().appName('sluice-bench').getOrCreate()
  return session
}

function sluiceCase(name: string, description: string, query: (spark: LooseSession, dataDir: string) => Promise<unknown[]>): BenchCase {
  return {
    name,
    description,
    async setup() {
      await sluiceSession()
    },
    async run(context) {
      const spark = await sluiceSession()
      const result = await query(spark, context.dataDir)
      return { rows: context.rows, extra: { resultRows: result.length } }
    },
    async teardown() {
      // The session is shared by the Sluice cases; stopped once at the end.
    },
  }
}

/** (b) `spark.read.format("json").schema(schema).load(dir).groupBy("gt").count().collect()`. */
export const sluiceGroupByCountCase = sluiceCase(
  'groupBy-count',
  'Sluice: read json with schema, groupBy("gt").count().collect()',
  (spark, dataDir) => spark.read.format('json').schema(COURSE_SCHEMA_DDL).load(dataDir).groupBy('gt').count().collect(),
)

/** (c) `.where("gt = 'stand'").select("User","x","y","z").collect()`. */
export const sluiceFilterSelectCase = sluiceCase(
  'filter-select',
  `Sluice: read json with schema, where("gt = 'stand'").select("User","x","y","z").collect()`,
  (spark, dataDir) => spark.read.format('json').schema(COURSE_SCHEMA_DDL).load(dataDir).where("gt = 'stand'").select('User', 'x', 'y', 'z').collect(),
)

/** Stops the shared Sluice session, if one was started. */
export async function stopSluiceSession(): Promise<void> {
  const current = session
  session = undefined
  await current?.stop()
}
