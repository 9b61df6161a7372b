// Round trips of real plans: parsed SQL, DataFrames of the client API, and the
// physical plans the embedded engine makes of them. (A test may reach the client and
// the coordinator; shared's code never does.)
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Column, Sluice, col, expr, lit, type DataFrame } from '@sluice/client'
import { MemoryStream } from '@sluice/client/testing'
import { explainPlan, type QueryEngine } from '@sluice/coordinator'
import { runTask } from '@sluice/executor'
import {
  ArrayType, BinaryType, BooleanType, ByteType, CalendarIntervalType, DateType, DecimalType, DoubleType, Expr, FloatType,
  IntegerType, LongType, MapType, NullType, Plan, ShortType, StringType, StructField, StructType, TimestampNTZType, TimestampType, TimeType,
  DayTimeIntervalType, YearMonthIntervalType,
  parseExpression, parseQuery, windowNode, type DataType, type LogicalPlan, type PhysicalPlan, type SortOrderExpr,
} from '@sluice/shared'
import {
  DATA_TYPE_KINDS, EXPR_KINDS, LOGICAL_PLAN_KINDS, PHYSICAL_PLAN_KINDS,
  decodeLogicalPlan, decodePhysicalPlan, encodeLogicalPlan, encodePhysicalPlan,
} from './plan-json.js'

let spark: Sluice
let engine: QueryEngine
let dir: string

/** Every logical plan, its physical plan, and the name of the case. */
const cases: { name: string; logical: LogicalPlan; physical?: PhysicalPlan }[] = []

const ALL_TYPES = StructType([
  StructField('id', LongType, false), StructField('name', StringType), StructField('salary', DecimalType(30, 2)),
  StructField('score', DoubleType), StructField('ratio', FloatType), StructField('bin', BinaryType), StructField('day', DateType),
  StructField('ts', TimestampType), StructField('ntz', TimestampNTZType), StructField('tags', ArrayType(StringType)),
  StructField('props', MapType(StringType, LongType)), StructField('addr', StructType([StructField('city', StringType), StructField('zip', IntegerType)])),
  StructField('flag', BooleanType), StructField('b', ByteType), StructField('s', ShortType), StructField('n', IntegerType),
])

/** One literal of every data type, in the internal representation (values JSON cannot carry among them). */
const LITERALS: readonly [unknown, DataType][] = [
  [null, NullType], [true, BooleanType], [-128, ByteType], [32767, ShortType], [-2147483648, IntegerType],
  [9007199254740993n, LongType], [Math.fround(1.1), FloatType], [Number.NaN, DoubleType], [-0, DoubleType],
  [Number.POSITIVE_INFINITY, DoubleType], [Number.NEGATIVE_INFINITY, DoubleType],
  [-(10n ** 37n) + 1n, DecimalType(38, 4)], [12345n, DecimalType(7, 2)], ['$ref \u0000 "quoted" é', StringType],
  [new Uint8Array([0, 1, 254, 255]), BinaryType], [19723, DateType], [1_704_067_200_000_001, TimestampType],
  [-1, TimestampNTZType], [{ months: 14, days: -3, microseconds: 1_500_000 }, CalendarIntervalType],
  [-2147483648, YearMonthIntervalType('month')], [-(2n ** 63n), DayTimeIntervalType('hour', 'second')],
  [86_399_999_999_000n, TimeType(3)],
  [[1, null, 3], ArrayType(IntegerType)], [new Map<unknown, unknown>([['a', 1n], ['b', null]]), MapType(StringType, LongType)],
  [new Map<unknown, unknown>([[1, [new Uint8Array([7])]]]), MapType(IntegerType, ArrayType(BinaryType))],
  [['Paris', 75001], StructType([StructField('city', StringType), StructField('zip', IntegerType)])],
]

beforeAll(async () => {
  spark = await Sluice.builder().appName('plan-json-roundtrip').getOrCreate()
  engine = (spark.backend as unknown as { engine: QueryEngine }).engine
  dir = await mkdtemp(join(tmpdir(), 'plan-json-'))
  await writeFile(join(dir, 'events.json'), [
    '{"gt":"walk","user":"a","ts":"2024-01-01T00:00:00Z","values":[1,2],"x":1.5}',
    '{"gt":"sit","user":"b","ts":"2024-01-01T00:01:00Z","values":[],"x":-0.0}',
  ].join('\n'))
  const people = spark.createDataFrame([
    {
      id: 9007199254740993n, name: 'ann', salary: '12345678901234567890.12', score: Number.NaN, ratio: -0, bin: new Uint8Array([1, 2]),
      day: '2024-02-29', ts: new Date(Date.UTC(2024, 0, 1)), ntz: new Date(0), tags: ['a', 'b'], props: new Map([['k', -(2n ** 63n)]]),
      addr: { city: 'Paris', zip: 75001 }, flag: true, b: -1, s: 300, n: 7,
    },
    { id: -1n, name: null, salary: null, score: null, ratio: null, bin: null, day: null, ts: null, ntz: null, tags: null, props: null, addr: null, flag: null, b: null, s: null, n: null },
  ], ALL_TYPES)
  people.createOrReplaceTempView('people')
  spark.sql(`SELECT * FROM json.\`${join(dir, 'events.json')}\``).createOrReplaceTempView('events')

  const sql = (name: string, text: string) => cases.push({ name, logical: parseQuery(text) })
  const df = (name: string, frame: DataFrame) => cases.push({ name, logical: frame.plan })

  sql('file scan, filter, aggregate, order, limit', `SELECT gt, count(*) AS n FROM json.\`${join(dir, 'events.json')}\` WHERE x > 0 OR x IS NULL GROUP BY gt HAVING count(*) > 0 ORDER BY n DESC NULLS LAST, gt LIMIT 5`)
  sql('joins, subquery alias, star', 'SELECT p.*, e.gt FROM people p JOIN events e ON p.name = e.user LEFT JOIN people q ON p.id < q.id')
  sql('cross join', 'SELECT a.id, b.id FROM people a CROSS JOIN people b')
  sql('union, intersect, except', 'SELECT id FROM people UNION SELECT id FROM people INTERSECT ALL SELECT id FROM people EXCEPT SELECT -1L')
  sql('distinct, case, cast, extract', "SELECT DISTINCT CASE WHEN score > 1 THEN 'hi' WHEN score IS NULL THEN NULL ELSE 'lo' END AS c, CAST(id AS STRING), try_cast(name AS INT), tags[0], props['k'], addr.city FROM people")
  sql('window functions', 'SELECT name, row_number() OVER (PARTITION BY flag ORDER BY id), sum(n) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW), lag(n, 1, 0) OVER w, avg(score) OVER (ORDER BY id RANGE BETWEEN UNBOUNDED PRECEDING AND 2 FOLLOWING) FROM people WINDOW w AS (ORDER BY id)')
  sql('higher-order functions', 'SELECT transform(tags, t -> upper(t)), aggregate(tags, 0, (acc, t) -> acc + length(t)), filter(map_keys(props), k -> k = name) FROM people')
  sql('subqueries', 'SELECT name, (SELECT max(id) FROM people q WHERE q.n = p.n) AS m FROM people p WHERE id IN (SELECT id FROM people) AND EXISTS (SELECT 1 FROM events WHERE user = p.name)')
  sql('grouping sets', 'SELECT flag, n, sum(id) FROM people GROUP BY CUBE (flag, n)')
  sql('explode, inline values', "SELECT explode(tags) AS t FROM people UNION ALL SELECT a FROM VALUES ('x', 1, 2), ('y', 3, 4) AS v(a, b, c)")
  sql('typed literals', "SELECT NULL, TRUE, 1Y, 2S, 3, 9223372036854775807L, 1.5F, 2.5D, 123.4500BD, 1.0E10, 'x', X'0AFF', DATE '2024-01-01', TIMESTAMP '2024-01-01 00:00:00.000001', TIMESTAMP_NTZ '2024-01-01 00:00:00', INTERVAL '3' DAY, INTERVAL '1-2' YEAR TO MONTH, TIME '12:34:56.5'")
  sql('tableRef', 'SELECT * FROM people')

  const people2 = spark.table('people')
  df('withColumns, drop, renames, toDF', people2.withColumn('x', col('n').plus(1)).withColumnRenamed('name', 'who').drop('bin').toDF(...['id', 'who', 'salary', 'score', 'ratio', 'day', 'ts', 'ntz', 'tags', 'props', 'addr', 'flag', 'b', 's', 'n', 'x']))
  df('fillna, dropna', people2.fillna({ name: 'none', n: 0 }).na.drop('any', 2, ['name', 'n']).fillna(0))
  df('describe, summary', people2.describe('n', 'score'))
  df('summary', people2.summary('count', '50%'))
  df('pivot', people2.groupBy('flag').pivot('name', ['ann', 'bob']).sum('n'))
  df('pivot without values', people2.groupBy('flag').pivot('name').count())
  df('dropDuplicates, unionByName', people2.dropDuplicates(['name']).unionByName(people2.select('*'), true))
  df('every literal type', people2.select(...LITERALS.map(([value, type], i) => new Column(Expr.alias(Expr.literal(value, type), `l${i}`)))))
  df('lit of special numbers and bytes', people2.select(lit(Number.NaN), lit(-0), lit(2n ** 64n - 1n), lit(new Uint8Array([9])), lit([1.5, Number.NEGATIVE_INFINITY])))
  df('local relation', spark.createDataFrame([{ a: 1n, m: new Map([[1, 'x']]) }], 'a BIGINT, m MAP<INT, STRING>'))
  df('set operations of DataFrames', people2.select('id').intersect(people2.select('id')).exceptAll(people2.select('id')))
  df('order with nulls', people2.orderBy(col('score').desc_nulls_first(), col('id').asc()).limit(1))

  const rate = () => spark.readStream.format('rate').option('rowsPerSecond', '10').load()
  const memory = new MemoryStream('k INT, v STRING, at TIMESTAMP', spark)
  const stream = (name: string, frame: DataFrame, outputMode: 'append' | 'update' | 'complete') => cases.push({ name, logical: frame.plan, outputModeOf: outputMode } as never)
  stream('streaming aggregate with watermark and window', rate().withWatermark('timestamp', '10 seconds').groupBy(expr("window(timestamp, '10 seconds', '5 seconds')")).count(), 'append')
  stream('streaming dedup within watermark', memory.toDF().withWatermark('at', '1 minute').dropDuplicatesWithinWatermark(['k']), 'append')
  stream('stream-stream join', rate().withWatermark('timestamp', '10 seconds').alias('l')
    .join(rate().withWatermark('timestamp', '10 seconds').alias('r'), expr('l.value = r.value AND r.timestamp BETWEEN l.timestamp AND l.timestamp + interval 5 seconds')), 'append')
  stream('streaming limit', memory.toDF().select('k', 'v').limit(3), 'append')
  stream('session window', memory.toDF().withWatermark('at', '1 minute').groupBy(expr("session_window(at, '30 seconds')"), col('k')).count(), 'update')

  // Logical Window nodes are made by the planner only; this is the node its ExtractWindowExpressions makes for `w`.
  const over = parseExpression('rank() OVER (PARTITION BY flag ORDER BY id DESC)')
  const orderSpec = [Expr.sortOrder(Expr.column('id'), false)] as SortOrderExpr[]
  cases.push({ name: 'logical window node', logical: windowNode(Plan.tableRef('people'), [Expr.alias(over, 'r')], [Expr.column('flag')], orderSpec, ['r']) })

  const failures: string[] = []
  for (const c of cases) {
    const outputMode = (c as { outputModeOf?: 'append' | 'update' | 'complete' }).outputModeOf
    if (c.name === 'logical window node') continue
    try {
      c.physical = (await engine.plan(c.logical, engine.evalContext(), outputMode)).plan
    } catch (error) {
      failures.push(`${c.name}: ${(error as Error).message}`)
    }
  }
  if (failures.length > 0) throw new Error(`cases that do not plan:\n${failures.join('\n')}`)
})

afterAll(async () => {
  await spark?.stop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

describe('sluice-plan-json/1 round trips of real plans', () => {
  it('decodes every logical plan to a deep-equal, frozen plan that explains identically', () => {
    for (const { name, logical, physical } of cases) {
      const back = decodeLogicalPlan(encodeLogicalPlan(logical))
      expect(back, name).toStrictEqual(logical)
      expect(Object.isFrozen(back), name).toBe(true)
      if (physical) expect(explainPlan(back, physical, true), name).toBe(explainPlan(logical, physical, true))
    }
  })

  it('decodes every physical plan to a deep-equal, frozen plan that explains identically', () => {
    for (const { name, logical, physical } of cases) {
      if (!physical) continue
      const back = decodePhysicalPlan(encodePhysicalPlan(physical))
      expect(back, name).toStrictEqual(physical)
      expect(Object.isFrozen(back), name).toBe(true)
      expect(explainPlan(logical, back, true), name).toBe(explainPlan(logical, physical, true))
    }
  })

  it('runs a decoded physical plan (in this process, no codec between) to the same rows as the original', async () => {
    for (const { name, physical } of cases) {
      if (!physical || isStreaming(physical)) continue
      const task = (plan: PhysicalPlan) => ({ queryId: 'q', runId: 'r', batchId: 0, attempt: 0, plan, evalContext: { ...engine.evalContext(), currentTimestampMicros: 0 } })
      const expected = await runTask(task(physical))
      const actual = await runTask(task(decodePhysicalPlan(encodePhysicalPlan(physical))))
      expect(actual.rows, name).toStrictEqual(expected.rows)
    }
  })

  it('keeps literals exact: bigint beyond 2^53, NaN, -0, ±Infinity, bytes, maps, structs, intervals', () => {
    const values = literalValues(cases.find((c) => c.name === 'every literal type')!.logical)
    for (const [value] of LITERALS) expect(values.some((v) => Object.is(v, value) || (typeof v === 'object' && equalValues(v, value)))).toBe(true)
    const back = literalValues(decodeLogicalPlan(encodeLogicalPlan(cases.find((c) => c.name === 'every literal type')!.logical)))
    expect(back.find((v) => typeof v === 'bigint' && v > 2n ** 53n)).toBe(9007199254740993n)
    expect(back.some((v) => Object.is(v, -0))).toBe(true)
    expect(back.some((v) => Number.isNaN(v))).toBe(true)
    expect(back.find((v) => v instanceof Uint8Array)).toStrictEqual(new Uint8Array([0, 1, 254, 255]))
  })

  it('covers every logical, physical and expression kind and every data type among literals (a new kind needs a case here)', () => {
    const seen = { logical: new Set<string>(), physical: new Set<string>(), expr: new Set<string>() }
    for (const { logical, physical } of cases) {
      collectKinds(logical, 'logical', seen)
      if (physical) collectKinds(physical, 'physical', seen)
    }
    expect([...seen.logical].sort()).toEqual([...LOGICAL_PLAN_KINDS].sort())
    expect([...seen.physical].sort()).toEqual([...PHYSICAL_PLAN_KINDS].sort())
    expect([...seen.expr].sort()).toEqual([...EXPR_KINDS].sort())
    const literalTypes = new Set(cases.flatMap((c) => literalTypesOf(c.logical)))
    expect([...literalTypes].sort()).toEqual([...DATA_TYPE_KINDS].sort())
  })
})

type Context = 'logical' | 'physical' | 'expr' | 'data'
const EXPR_KIND_SET = new Set<string>(EXPR_KINDS)

/** Records the kinds of plan nodes and expressions under `node`, telling them apart by where they sit. */
function collectKinds(node: unknown, context: Context, seen: Record<'logical' | 'physical' | 'expr', Set<string>>): void {
  if (Array.isArray(node)) {
    for (const item of node) collectKinds(item, context, seen)
    return
  }
  if (typeof node !== 'object' || node === null || node instanceof Map || node instanceof Uint8Array) return
  const record = node as Record<string, unknown>
  let here = context
  if (context === 'data' && typeof record['kind'] === 'string' && EXPR_KIND_SET.has(record['kind'])) here = 'expr'
  if (here !== 'data' && typeof record['kind'] === 'string') seen[here].add(record['kind'])
  for (const [key, value] of Object.entries(record)) {
    if (here === 'expr' && record['kind'] === 'Literal' && key === 'value') continue
    const child: Context = (here === 'logical' || here === 'physical') && ['input', 'left', 'right', 'inputs'].includes(key) ? here
      : here === 'expr' && record['kind'] === 'Subquery' && key === 'plan' ? 'logical'
        : 'data'
    collectKinds(value, child, seen)
  }
}

function literalsOf(node: unknown, out: { value: unknown; dataType: DataType }[] = []): { value: unknown; dataType: DataType }[] {
  if (Array.isArray(node)) for (const item of node) literalsOf(item, out)
  else if (typeof node === 'object' && node !== null && !(node instanceof Map) && !(node instanceof Uint8Array)) {
    const record = node as Record<string, unknown>
    if (record['kind'] === 'Literal' && 'dataType' in record) {
      out.push(record as unknown as { value: unknown; dataType: DataType })
      return out
    }
    for (const value of Object.values(record)) literalsOf(value, out)
  }
  return out
}
const literalValues = (plan: LogicalPlan) => literalsOf(plan).map((l) => l.value)
const literalTypesOf = (plan: LogicalPlan) => literalsOf(plan).map((l) => l.dataType.kind)

function equalValues(a: unknown, b: unknown): boolean {
  try {
    expect(a).toStrictEqual(b)
    return true
  } catch {
    return false
  }
}

function isStreaming(plan: PhysicalPlan): boolean {
  return JSON.stringify(plan, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)).includes('"StreamInput"')
}
