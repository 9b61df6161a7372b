import type { Expr, SortOrderExpr } from '../expr/expr.js'
import type { StructType } from '../types/data-type.js'
import type { Row } from '../data/row.js'
import type { WindowNode } from './window-node.js'

/**
 * Logical plan nodes: what to compute, never how. Frozen plain data (no closures),
 * so a plan is serializable across the client → coordinator boundary.
 */
export type LogicalPlan =
  | RelationNode
  | LocalRelationNode
  | TableRefNode
  | ProjectNode
  | FilterNode
  | AggregateNode
  | JoinNode
  | UnionNode
  | SortNode
  | LimitNode
  | DeduplicateNode
  | DistinctNode
  | WithWatermarkNode
  | SubqueryAliasNode
  | WithColumnsNode
  | DropColumnsNode
  | RenameColumnsNode
  | RenameAllColumnsNode
  | FillNullsNode
  | DropNullsNode
  | SetOperationNode
  | DescribeNode
  | WindowNode
  | PivotNode

/** Where a relation's rows come from: a file/table/stream source, by format name. */
export interface SourceSpec {
  /** `json`, `csv`, `text`, `parquet`, `avro`, `delta`, `rate`, `socket`, `memory`. */
  readonly format: string
  readonly paths: readonly string[]
  /** Option keys lower-cased (Spark's options are case-insensitive); values as strings. */
  readonly options: Readonly<Record<string, string>>
  /** The user's schema; required for streaming file sources. */
  readonly userSchema?: StructType
  readonly streaming: boolean
  /**
   * Only these data files of the paths' listing (absolute paths, a contiguous part of
   * it): set by the coordinator on a batch file scan it splits across tasks; absent,
   * every file.
   */
  readonly files?: readonly string[]
}

export interface RelationNode { readonly kind: 'Relation'; readonly source: SourceSpec }
export interface LocalRelationNode { readonly kind: 'LocalRelation'; readonly schema: StructType; readonly rows: readonly Row[] }
/** A temporary view or memory-sink table, by name; resolved against the catalog at analysis. */
export interface TableRefNode { readonly kind: 'TableRef'; readonly name: string }
export interface ProjectNode { readonly kind: 'Project'; readonly input: LogicalPlan; readonly exprs: readonly Expr[] }
export interface FilterNode { readonly kind: 'Filter'; readonly input: LogicalPlan; readonly condition: Expr }
export interface AggregateNode {
  readonly kind: 'Aggregate'
  readonly input: LogicalPlan
  readonly grouping: readonly Expr[]
  /** Output expressions: grouping expressions and aggregate calls (possibly inside scalar expressions). */
  readonly aggregates: readonly Expr[]
  /** cube/rollup: each set lists indexes into `grouping`; absent for a plain GROUP BY. */
  readonly groupingSets?: readonly (readonly number[])[]
}
export type JoinType = 'inner' | 'left' | 'right' | 'full' | 'semi' | 'anti' | 'cross'
export interface JoinNode {
  readonly kind: 'Join'
  readonly left: LogicalPlan
  readonly right: LogicalPlan
  readonly joinType: JoinType
  readonly condition?: Expr
  /** `join(other, ["a", "b"])`: equi-join on same-named columns, output once. */
  readonly using?: readonly string[]
}
export interface UnionNode {
  readonly kind: 'Union'
  readonly inputs: readonly LogicalPlan[]
  readonly byName: boolean
  readonly allowMissingColumns: boolean
}
export interface SortNode { readonly kind: 'Sort'; readonly input: LogicalPlan; readonly orders: readonly SortOrderExpr[] }
export interface LimitNode { readonly kind: 'Limit'; readonly input: LogicalPlan; readonly limit: number }
export interface DeduplicateNode {
  readonly kind: 'Deduplicate'
  readonly input: LogicalPlan
  /** Column names; absent means all columns (`distinct()`). */
  readonly keys?: readonly string[]
  readonly withinWatermark: boolean
}
/** SQL `SELECT DISTINCT` / `UNION`: Spark's Distinct, which its optimizer turns into an Aggregate over every column. */
export interface DistinctNode { readonly kind: 'Distinct'; readonly input: LogicalPlan }
export interface WithWatermarkNode {
  readonly kind: 'WithWatermark'
  readonly input: LogicalPlan
  readonly eventTime: string
  /** A Spark duration string: "10 minutes". */
  readonly delay: string
}
export interface SubqueryAliasNode { readonly kind: 'SubqueryAlias'; readonly input: LogicalPlan; readonly alias: string }
/** `withColumn(s)`: replaces same-named columns in place, appends new ones (as Spark Connect's WithColumns). */
export interface WithColumnsNode {
  readonly kind: 'WithColumns'
  readonly input: LogicalPlan
  readonly columns: readonly { readonly name: string; readonly expr: Expr }[]
}
/** `drop(...)`: names that match no column are ignored. */
export interface DropColumnsNode { readonly kind: 'DropColumns'; readonly input: LogicalPlan; readonly names: readonly string[] }
/** `withColumnsRenamed`: old name → new name; unknown old names are ignored. */
export interface RenameColumnsNode {
  readonly kind: 'RenameColumns'
  readonly input: LogicalPlan
  readonly renames: readonly { readonly from: string; readonly to: string }[]
}

/** `toDF(...names)`: every column renamed by position; the count must match. */
export interface RenameAllColumnsNode { readonly kind: 'RenameAllColumns'; readonly input: LogicalPlan; readonly names: readonly string[] }
/** `fillna`: a value for nulls of the columns of its type, or per column. */
export interface FillNullsNode {
  readonly kind: 'FillNulls'
  readonly input: LogicalPlan
  readonly value: number | string | boolean | Readonly<Record<string, number | string | boolean>>
  readonly subset?: readonly string[]
}
/** `dropna`: drops rows with nulls in `subset` (all columns when absent). */
export interface DropNullsNode {
  readonly kind: 'DropNulls'
  readonly input: LogicalPlan
  readonly how: 'any' | 'all'
  readonly thresh?: number
  readonly subset?: readonly string[]
}

/** INTERSECT / EXCEPT (`intersect`, `intersectAll`, `subtract`, `exceptAll`): by position, nulls equal. */
export interface SetOperationNode {
  readonly kind: 'SetOperation'
  readonly left: LogicalPlan
  readonly right: LogicalPlan
  readonly operation: 'intersect' | 'except'
  /** ALL keeps duplicates (multiset semantics); otherwise the result is distinct. */
  readonly all: boolean
}

/**
 * `describe(...cols)`: count, mean, stddev, min, max of numeric and string columns, as
 * strings; `summary(...statistics)`: the statistics named (default count, mean, stddev,
 * min, 25%, 50%, 75%, max) of all numeric and string columns.
 */
export interface DescribeNode {
  readonly kind: 'Describe'
  readonly input: LogicalPlan
  readonly columns: readonly string[]
  readonly statistics?: readonly string[]
}

/**
 * `groupBy(...).pivot(column, values?).agg(...)`: one output column per pivot value (and
 * aggregate); without `values`, the column's distinct values, found at analysis as Spark does.
 */
export interface PivotNode {
  readonly kind: 'Pivot'
  readonly input: LogicalPlan
  readonly grouping: readonly Expr[]
  readonly pivotColumn: Expr
  readonly values?: readonly Expr[]
  readonly aggregates: readonly Expr[]
}

const f = <T extends LogicalPlan>(p: T): T => Object.freeze(p)

/** Factories for plan nodes. */
export const Plan = Object.freeze({
  relation: (source: SourceSpec): RelationNode => f({ kind: 'Relation', source: Object.freeze(source) }),
  localRelation: (schema: StructType, rows: readonly Row[]): LocalRelationNode =>
    f({ kind: 'LocalRelation', schema, rows: Object.freeze([...rows]) }),
  tableRef: (name: string): TableRefNode => f({ kind: 'TableRef', name }),
  project: (input: LogicalPlan, exprs: readonly Expr[]): ProjectNode =>
    f({ kind: 'Project', input, exprs: Object.freeze([...exprs]) }),
  filter: (input: LogicalPlan, condition: Expr): FilterNode => f({ kind: 'Filter', input, condition }),
  aggregate: (input: LogicalPlan, grouping: readonly Expr[], aggregates: readonly Expr[],
    groupingSets?: readonly (readonly number[])[]): AggregateNode =>
    f(groupingSets === undefined
      ? { kind: 'Aggregate', input, grouping: Object.freeze([...grouping]), aggregates: Object.freeze([...aggregates]) }
      : { kind: 'Aggregate', input, grouping: Object.freeze([...grouping]), aggregates: Object.freeze([...aggregates]), groupingSets }),
  join: (left: LogicalPlan, right: LogicalPlan, joinType: JoinType, condition?: Expr, using?: readonly string[]): JoinNode =>
    f({ kind: 'Join', left, right, joinType, ...(condition ? { condition } : {}), ...(using ? { using: Object.freeze([...using]) } : {}) }),
  union: (inputs: readonly LogicalPlan[], byName = false, allowMissingColumns = false): UnionNode =>
    f({ kind: 'Union', inputs: Object.freeze([...inputs]), byName, allowMissingColumns }),
  sort: (input: LogicalPlan, orders: readonly SortOrderExpr[]): SortNode =>
    f({ kind: 'Sort', input, orders: Object.freeze([...orders]) }),
  limit: (input: LogicalPlan, limit: number): LimitNode => f({ kind: 'Limit', input, limit }),
  deduplicate: (input: LogicalPlan, keys: readonly string[] | undefined, withinWatermark = false): DeduplicateNode =>
    f(keys === undefined ? { kind: 'Deduplicate', input, withinWatermark } : { kind: 'Deduplicate', input, keys: Object.freeze([...keys]), withinWatermark }),
  distinct: (input: LogicalPlan): DistinctNode => f({ kind: 'Distinct', input }),
  withWatermark: (input: LogicalPlan, eventTime: string, delay: string): WithWatermarkNode =>
    f({ kind: 'WithWatermark', input, eventTime, delay }),
  subqueryAlias: (input: LogicalPlan, alias: string): SubqueryAliasNode => f({ kind: 'SubqueryAlias', input, alias }),
  withColumns: (input: LogicalPlan, columns: readonly { name: string; expr: Expr }[]): WithColumnsNode =>
    f({ kind: 'WithColumns', input, columns: Object.freeze(columns.map((c) => Object.freeze({ ...c }))) }),
  dropColumns: (input: LogicalPlan, names: readonly string[]): DropColumnsNode =>
    f({ kind: 'DropColumns', input, names: Object.freeze([...names]) }),
  renameColumnsByPosition: (input: LogicalPlan, names: readonly string[]): RenameAllColumnsNode =>
    f({ kind: 'RenameAllColumns', input, names: Object.freeze([...names]) }),
  fillNulls: (input: LogicalPlan, value: FillNullsNode['value'], subset?: readonly string[]): FillNullsNode =>
    f(subset === undefined ? { kind: 'FillNulls', input, value } : { kind: 'FillNulls', input, value, subset: Object.freeze([...subset]) }),
  dropNulls: (input: LogicalPlan, how: 'any' | 'all', thresh?: number, subset?: readonly string[]): DropNullsNode =>
    f({ kind: 'DropNulls', input, how, ...(thresh !== undefined ? { thresh } : {}), ...(subset !== undefined ? { subset: Object.freeze([...subset]) } : {}) }),
  describe: (input: LogicalPlan, columns: readonly string[], statistics?: readonly string[]): DescribeNode =>
    f({ kind: 'Describe', input, columns: Object.freeze([...columns]), ...(statistics ? { statistics: Object.freeze([...statistics]) } : {}) }),
  pivot: (input: LogicalPlan, grouping: readonly Expr[], pivotColumn: Expr, values: readonly Expr[] | undefined, aggregates: readonly Expr[]): PivotNode =>
    f({ kind: 'Pivot', input, grouping: Object.freeze([...grouping]), pivotColumn, ...(values === undefined ? {} : { values: Object.freeze([...values]) }), aggregates: Object.freeze([...aggregates]) }),
  setOperation: (left: LogicalPlan, right: LogicalPlan, operation: 'intersect' | 'except', all: boolean): SetOperationNode =>
    f({ kind: 'SetOperation', left, right, operation, all }),
  renameColumns: (input: LogicalPlan, renames: readonly { from: string; to: string }[]): RenameColumnsNode =>
    f({ kind: 'RenameColumns', input, renames: Object.freeze(renames.map((r) => Object.freeze({ ...r }))) }),
})

/** The inputs of a node, in order. */
export function planChildren(p: LogicalPlan): readonly LogicalPlan[] {
  switch (p.kind) {
    case 'Relation': case 'LocalRelation': case 'TableRef': return []
    case 'Join': case 'SetOperation': return [p.left, p.right]
    case 'Union': return p.inputs
    default: return [p.input]
  }
}

/** True if any leaf of the plan is a streaming source. */
/**
 * True when a source of the plan is a stream; `resolveView` gives a temporary view's
 * plan so that a query over a streaming view (`spark.sql(…)`) streams too.
 */
export function isStreamingPlan(p: LogicalPlan, resolveView?: (name: string) => LogicalPlan | undefined, seen: ReadonlySet<string> = new Set()): boolean {
  if (p.kind === 'Relation') return p.source.streaming
  if (p.kind === 'TableRef') {
    const key = p.name.toLowerCase()
    const view = seen.has(key) ? undefined : resolveView?.(p.name)
    return view !== undefined && isStreamingPlan(view, resolveView, new Set([...seen, key]))
  }
  return planChildren(p).some((child) => isStreamingPlan(child, resolveView, seen))
}
