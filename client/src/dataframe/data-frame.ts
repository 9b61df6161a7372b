import {
  AnalysisError, Expr, Plan, isStreamingPlan, rowToArray, rowToObject, treeString, exprOutputName,
  type JoinType, type LogicalPlan, type Row, type StructType,
} from '@sluice/shared'
import { Column, col, expr as parseColumnExpr } from '../column/index.js'
import type { SessionBackend } from '../session/session-backend.js'
import { GroupedData, groupingExprs } from './grouped-data.js'
import { flattenArgs, toColumnExpr, type ColumnLike } from './column-args.js'
import { showString } from './show-string.js'
import { DataFrameWriter } from './data-frame-writer.js'
import { DataStreamWriter } from '../streaming/data-stream-writer.js'

export interface CollectOptions {
  /** 'object' (default): one object per row keyed by column name; 'array': values in schema order. */
  readonly rowMode?: 'object' | 'array'
}

/**
 * A lazy query, as PySpark's DataFrame: transformations return a new DataFrame over
 * a new logical plan and never touch data; actions (`collect`, `count`, `show`, ...)
 * return Promises and run the plan.
 */
export class DataFrame {
  constructor(readonly backend: SessionBackend, readonly plan: LogicalPlan) {}

  /** A DataFrame of the same session over another plan. */
  withPlan(plan: LogicalPlan): DataFrame {
    return new DataFrame(this.backend, plan)
  }

  /** True when a source of this plan is a stream (`readStream`). */
  get isStreaming(): boolean {
    return isStreamingPlan(this.plan, (name) => this.backend.viewPlan(name))
  }

  // ---- transformations ----
  select(...columns: (ColumnLike | readonly ColumnLike[])[]): DataFrame {
    return this.withPlan(Plan.project(this.plan, flattenArgs(columns).map(toColumnExpr)))
  }

  /** `selectExpr("upper(User) AS user", "x * 2")`. */
  selectExpr(...exprs: (string | readonly string[])[]): DataFrame {
    return this.withPlan(Plan.project(this.plan, flattenArgs(exprs).map((e) => parseColumnExpr(e).expr)))
  }

  /** Keeps rows where `condition` is true; a string is a SQL expression (`"gt = 'stand'"`). */
  where(condition: Column | string): DataFrame {
    const e = typeof condition === 'string' ? parseColumnExpr(condition).expr : condition.expr
    return this.withPlan(Plan.filter(this.plan, e))
  }

  filter(condition: Column | string): DataFrame {
    return this.where(condition)
  }

  /** Adds a column, or replaces the one of the same name. */
  withColumn(name: string, column: Column): DataFrame {
    return this.withColumns({ [name]: column })
  }

  withColumns(columns: Readonly<Record<string, Column>>): DataFrame {
    return this.withPlan(Plan.withColumns(this.plan, Object.entries(columns).map(([name, c]) => ({ name, expr: c.expr }))))
  }

  withColumnRenamed(existing: string, renamed: string): DataFrame {
    return this.withColumnsRenamed({ [existing]: renamed })
  }

  withColumnsRenamed(renames: Readonly<Record<string, string>>): DataFrame {
    return this.withPlan(Plan.renameColumns(this.plan, Object.entries(renames).map(([from, to]) => ({ from, to }))))
  }

  /** Drops columns by name (names that match no column are ignored, as in Spark). */
  drop(...columns: (ColumnLike | readonly ColumnLike[])[]): DataFrame {
    return this.withPlan(Plan.dropColumns(this.plan, flattenArgs(columns).map((c) => (typeof c === 'string' ? c : exprOutputName(c.expr)))))
  }

  distinct(): DataFrame {
    return this.withPlan(Plan.deduplicate(this.plan, undefined))
  }

  dropDuplicates(subset?: readonly string[]): DataFrame {
    return this.withPlan(Plan.deduplicate(this.plan, subset))
  }

  drop_duplicates(subset?: readonly string[]): DataFrame {
    return this.dropDuplicates(subset)
  }

  /** Streaming deduplication whose state expires with the watermark (Spark 3.5+). */
  dropDuplicatesWithinWatermark(subset?: readonly string[]): DataFrame {
    return this.withPlan(Plan.deduplicate(this.plan, subset, true))
  }

  groupBy(...columns: (ColumnLike | readonly ColumnLike[])[]): GroupedData {
    return new GroupedData(this, groupingExprs(columns))
  }

  groupby(...columns: (ColumnLike | readonly ColumnLike[])[]): GroupedData {
    return this.groupBy(...columns)
  }

  /** Every combination of the columns, with nulls for "all" (Spark's cube). */
  cube(...columns: (ColumnLike | readonly ColumnLike[])[]): GroupedData {
    const grouping = groupingExprs(columns)
    const n = grouping.length
    const sets: number[][] = []
    for (let mask = (1 << n) - 1; mask >= 0; mask--) sets.push([...Array(n).keys()].filter((i) => (mask & (1 << (n - 1 - i))) !== 0))
    return new GroupedData(this, grouping, sets)
  }

  /** Hierarchical subtotals (Spark's rollup). */
  rollup(...columns: (ColumnLike | readonly ColumnLike[])[]): GroupedData {
    const grouping = groupingExprs(columns)
    const sets = [...Array(grouping.length + 1).keys()].reverse().map((k) => [...Array(k).keys()])
    return new GroupedData(this, grouping, sets)
  }

  /** An aggregate over all rows: `df.agg(max("x"))`. */
  agg(...exprs: (Column | Record<string, string>)[]): DataFrame {
    return new GroupedData(this, []).agg(...exprs)
  }

  /**
   * Joins with `other` on column names (`"id"` or `["a", "b"]`, output once) or a
   * condition Column; `how` is Spark's join type name (inner, left, left_outer,
   * right, full, outer, semi, left_semi, anti, left_anti, cross).
   */
  join(other: DataFrame, on?: string | readonly string[] | Column, how: string = 'inner'): DataFrame {
    const joinType = parseJoinType(how)
    if (on === undefined) return this.withPlan(Plan.join(this.plan, other.plan, joinType === 'inner' ? 'cross' : joinType))
    if (on instanceof Column) return this.withPlan(Plan.join(this.plan, other.plan, joinType, on.expr))
    const using = typeof on === 'string' ? [on] : [...on]
    return this.withPlan(Plan.join(this.plan, other.plan, joinType, undefined, using))
  }

  crossJoin(other: DataFrame): DataFrame {
    return this.withPlan(Plan.join(this.plan, other.plan, 'cross'))
  }

  union(other: DataFrame): DataFrame {
    return this.withPlan(Plan.union([this.plan, other.plan]))
  }

  unionAll(other: DataFrame): DataFrame {
    return this.union(other)
  }

  /** Distinct rows in both (nulls equal). */
  intersect(other: DataFrame): DataFrame { return this.withPlan(Plan.setOperation(this.plan, other.plan, 'intersect', false)) }
  /** Rows in both, keeping duplicates (the smaller count). */
  intersectAll(other: DataFrame): DataFrame { return this.withPlan(Plan.setOperation(this.plan, other.plan, 'intersect', true)) }
  /** Distinct rows of this DataFrame not in `other` (SQL EXCEPT DISTINCT). */
  subtract(other: DataFrame): DataFrame { return this.withPlan(Plan.setOperation(this.plan, other.plan, 'except', false)) }
  /** Rows of this DataFrame not in `other`, keeping duplicates (EXCEPT ALL). */
  exceptAll(other: DataFrame): DataFrame { return this.withPlan(Plan.setOperation(this.plan, other.plan, 'except', true)) }

  unionByName(other: DataFrame, allowMissingColumns = false): DataFrame {
    return this.withPlan(Plan.union([this.plan, other.plan], true, allowMissingColumns))
  }

  orderBy(...columns: (ColumnLike | readonly ColumnLike[])[]): DataFrame {
    const orders = flattenArgs(columns).map((c) => {
      const e = toColumnExpr(c)
      return e.kind === 'SortOrder' ? e : Expr.sortOrder(e, true, true)
    })
    return this.withPlan(Plan.sort(this.plan, orders))
  }

  sort(...columns: (ColumnLike | readonly ColumnLike[])[]): DataFrame {
    return this.orderBy(...columns)
  }

  limit(n: number): DataFrame {
    return this.withPlan(Plan.limit(this.plan, n))
  }

  /** Names this DataFrame for qualified column references (`df.alias("a")` then `"a.id"`). */
  alias(name: string): DataFrame {
    return this.withPlan(Plan.subqueryAlias(this.plan, name))
  }

  /** Declares the event-time column and how late data may arrive ("10 minutes"). */
  withWatermark(eventTime: string, delayThreshold: string): DataFrame {
    return this.withPlan(Plan.withWatermark(this.plan, eventTime, delayThreshold))
  }

  /** Renames every column, in order (PySpark's `toDF(*cols)`). */
  toDF(...names: string[]): DataFrame {
    return this.withPlan(Plan.renameColumnsByPosition(this.plan, names))
  }

  /** `df.transform(f)`: applies a function returning a DataFrame, for chaining. */
  transform(fn: (df: DataFrame) => DataFrame): DataFrame {
    return fn(this)
  }

  /** Embedded mode keeps no cache and has one partition: these return the same DataFrame. */
  cache(): DataFrame { return this }
  persist(_storageLevel?: unknown): DataFrame { return this }
  unpersist(_blocking?: boolean): DataFrame { return this }
  repartition(..._args: unknown[]): DataFrame { return this }
  coalesce(_numPartitions: number): DataFrame { return this }
  hint(_name: string, ..._parameters: unknown[]): DataFrame { return this }

  /**
   * Replaces nulls (PySpark's `fillna` / `na.fill`): a number fills numeric columns,
   * a string string columns, a boolean boolean columns; an object maps column → value.
   */
  fillna(value: number | string | boolean | Readonly<Record<string, number | string | boolean>>, subset?: readonly string[]): DataFrame {
    return this.withPlan(Plan.fillNulls(this.plan, typeof value === 'object' ? { ...value } : value, subset))
  }

  /** Drops rows with nulls (PySpark's `dropna` / `na.drop`): `how` any/all, `thresh` minimum non-nulls, `subset` columns. */
  dropna(how: 'any' | 'all' = 'any', thresh?: number, subset?: readonly string[]): DataFrame {
    return this.withPlan(Plan.dropNulls(this.plan, how, thresh, subset))
  }

  /** PySpark's `df.na`. */
  get na(): { fill: DataFrame['fillna']; drop: DataFrame['dropna'] } {
    return { fill: (value, subset) => this.fillna(value, subset), drop: (how, thresh, subset) => this.dropna(how, thresh, subset) }
  }

  /** count, mean, stddev, min and max of the columns (default: numeric and string ones), as strings, with a `summary` column. */
  describe(...columns: (string | readonly string[])[]): DataFrame {
    return this.withPlan(Plan.describe(this.plan, flattenArgs(columns)))
  }

  /**
   * The statistics named (default count, mean, stddev, min, 25%, 50%, 75%, max; also
   * count_distinct, approx_count_distinct and any `p%`) of the numeric and string columns,
   * as strings, with a `summary` column, as Spark's `summary()`.
   */
  summary(...statistics: (string | readonly string[])[]): DataFrame {
    return this.withPlan(Plan.describe(this.plan, [], flattenArgs(statistics)))
  }

  /** True when the DataFrame has no rows. */
  async isEmpty(): Promise<boolean> {
    return (await this.take(1)).length === 0
  }

  /** A column of this DataFrame by name. */
  col(name: string): Column {
    return col(name)
  }

  // ---- actions ----
  async schema(): Promise<StructType> {
    return this.backend.schemaOf(this.plan)
  }

  async columns(): Promise<string[]> {
    return (await this.schema()).fields.map((f) => f.name)
  }

  async dtypes(): Promise<[string, string][]> {
    const { simpleString } = await import('@sluice/shared')
    return (await this.schema()).fields.map((f) => [f.name, simpleString(f.dataType)])
  }

  async collect(options: CollectOptions & { rowMode: 'array' }): Promise<unknown[][]>
  async collect(options?: CollectOptions): Promise<Record<string, unknown>[]>
  async collect(options: CollectOptions = {}): Promise<Record<string, unknown>[] | unknown[][]> {
    const { schema, rows } = await this.collectInternal()
    return options.rowMode === 'array' ? rows.map((r) => rowToArray(r, schema)) : rows.map((r) => rowToObject(r, schema))
  }

  /** Rows in the engine's internal representation (for sinks and tests). */
  async collectInternal(): Promise<{ schema: StructType; rows: Row[] }> {
    this.assertBatch('collect')
    return this.backend.collect(this.plan)
  }

  async count(): Promise<number> {
    this.assertBatch('count')
    const { rows } = await this.backend.collect(Plan.aggregate(this.plan, [], [Expr.alias(Expr.call('count', [Expr.literal(1, { kind: 'integer' })]), 'count')]))
    return Number(rows[0]![0] as bigint)
  }

  async first(): Promise<Record<string, unknown> | null> {
    return (await this.take(1))[0] ?? null
  }

  async head(n?: number): Promise<Record<string, unknown> | Record<string, unknown>[] | null> {
    return n === undefined ? this.first() : this.take(n)
  }

  async take(n: number): Promise<Record<string, unknown>[]> {
    return this.limit(n).collect()
  }

  /** Prints the first `numRows` rows as Spark's table (`truncate`: true = 20 chars, or a width). */
  async show(numRows = 20, truncate: boolean | number = true, vertical = false): Promise<void> {
    process.stdout.write(await this.showString(numRows, truncate, vertical))
  }

  async showString(numRows = 20, truncate: boolean | number = true, vertical = false): Promise<string> {
    this.assertBatch('show')
    const { schema, rows } = await this.backend.collect(Plan.limit(this.plan, numRows + 1))
    const width = truncate === true ? 20 : truncate === false ? 0 : truncate
    return showString(schema, rows, numRows, width, vertical, this.backend.timeZone())
  }

  async printSchema(level?: number): Promise<void> {
    process.stdout.write(treeString(await this.schema(), level))
  }

  async explain(extended: boolean | string = false): Promise<void> {
    process.stdout.write(await this.backend.explain(this.plan, extended === true || extended === 'extended'))
  }

  createOrReplaceTempView(name: string): void {
    this.backend.createOrReplaceTempView(name, this.plan)
  }

  createTempView(name: string): void {
    this.backend.createTempView(name, this.plan)
  }

  get write(): DataFrameWriter {
    if (this.isStreaming) throw new AnalysisError('WRITE_STREAM_NOT_ALLOWED', "'write' can not be called on streaming Dataset/DataFrame: use writeStream.")
    return new DataFrameWriter(this)
  }

  get writeStream(): DataStreamWriter {
    if (!this.isStreaming) throw new AnalysisError('WRITE_STREAM_NOT_ALLOWED', "'writeStream' can be called only on streaming Dataset/DataFrame.")
    return new DataStreamWriter(this)
  }

  private assertBatch(action: string): void {
    if (this.isStreaming) {
      throw new AnalysisError('UNSUPPORTED_FEATURE.QUERIES_WITH_STREAMING_SOURCES', `Queries with streaming sources must be executed with writeStream.start(); \`${action}\` is not supported on a streaming DataFrame.`)
    }
  }

}

function parseJoinType(how: string): JoinType {
  const normalized = how.toLowerCase().replace(/_/g, '')
  const map: Record<string, JoinType> = {
    inner: 'inner', cross: 'cross', outer: 'full', full: 'full', fullouter: 'full',
    left: 'left', leftouter: 'left', right: 'right', rightouter: 'right',
    semi: 'semi', leftsemi: 'semi', anti: 'anti', leftanti: 'anti',
  }
  const type = map[normalized]
  if (type === undefined) {
    throw new AnalysisError('UNSUPPORTED_JOIN_TYPE', `Unsupported join type '${how}'. Supported join types include: 'inner', 'outer', 'full', 'fullouter', 'full_outer', 'leftouter', 'left', 'left_outer', 'rightouter', 'right', 'right_outer', 'leftsemi', 'left_semi', 'semi', 'leftanti', 'left_anti', 'anti', 'cross'.`)
  }
  return type
}
