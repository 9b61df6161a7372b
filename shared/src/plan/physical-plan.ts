import type { Expr, SortOrderExpr } from '../expr/expr.js'
import type { StructType } from '../types/data-type.js'
import type { Row } from '../data/row.js'
import type { JoinType, SourceSpec } from './logical-plan.js'
import type { WindowExec } from './window-exec.js'

/**
 * Physical plan: how to compute, as the executor runs it. Plain serializable data,
 * made by the coordinator's planner from an analyzed logical plan. Every node
 * carries its output schema; every expression in it compiles against the schema of
 * the node's input (for joins: the left schema followed by the right schema).
 */
export type PhysicalPlan =
  | FileScanExec
  | LocalScanExec
  | StreamInputExec
  | ProjectExec
  | FilterExec
  | HashAggregateExec
  | ExpandExec
  | HashJoinExec
  | NestedLoopJoinExec
  | StreamStreamJoinExec
  | UnionExec
  | SortExec
  | LimitExec
  | DeduplicateExec
  | WatermarkExec
  | GenerateExec
  | SetOperationExec
  | WindowExec

interface Base { readonly schema: StructType }

/** Reads a batch source (files or a table format) in full. */
export interface FileScanExec extends Base {
  readonly kind: 'FileScan'
  readonly source: SourceSpec
  /** Indexes of `schema` fields the query reads; absent: all. */
  readonly requiredColumns?: readonly number[]
  /** Conjuncts `column op literal` of a filter above the scan: a reader may skip data they rule out (Parquet row groups). The filter still runs. */
  readonly pushedFilters?: readonly PushedFilter[]
}
/** A comparison a reader can check against file statistics; `value` is an internal value of the column's type. */
export interface PushedFilter {
  readonly column: string
  readonly op: '=' | '<' | '<=' | '>' | '>='
  readonly value: unknown
}
export interface LocalScanExec extends Base { readonly kind: 'LocalScan'; readonly rows: readonly Row[] }
/** The rows of one streaming source for the current micro-batch, supplied at run time. */
export interface StreamInputExec extends Base {
  readonly kind: 'StreamInput'
  readonly sourceIndex: number
  readonly source: SourceSpec
  readonly requiredColumns?: readonly number[]
}
export interface ProjectExec extends Base { readonly kind: 'Project'; readonly input: PhysicalPlan; readonly exprs: readonly Expr[] }
export interface FilterExec extends Base { readonly kind: 'Filter'; readonly input: PhysicalPlan; readonly condition: Expr }
/**
 * Groups by `grouping`, folds `aggregates` (aggregate calls over the input), then
 * evaluates `results` over the row `[...groupingValues, ...aggregateValues]`.
 * `stateful` is set in a streaming query: the operator keeps its groups in a state
 * store between micro-batches.
 */
export interface HashAggregateExec extends Base {
  readonly kind: 'HashAggregate'
  readonly input: PhysicalPlan
  readonly grouping: readonly Expr[]
  readonly aggregates: readonly Expr[]
  readonly results: readonly Expr[]
  readonly stateful?: StatefulInfo
  /** Index in `grouping` of the event-time window / watermarked column, for append-mode eviction. */
  readonly eventTimeGroupingIndex?: number
  /** Index in `grouping` of a `session_window` (its per-row value is [t, t + gap]; rows of a key merge into sessions). */
  readonly sessionWindowIndex?: number
  /**
   * The Distinct of a streaming EXCEPT (Spark's ReplaceExceptWithAntiJoin, after analysis): Spark's
   * UnsupportedOperationChecker, which runs before that rewrite, does not count it as an aggregation.
   */
  readonly fromExcept?: true
}
/** Emits, for each input row, one row per projection list (grouping sets, sliding windows). */
export interface ExpandExec extends Base {
  readonly kind: 'Expand'
  readonly input: PhysicalPlan
  readonly projections: readonly (readonly Expr[])[]
  /** Sliding windows: the projection list is expanded per row by window start. */
  readonly slidingWindow?: { readonly timeExpr: Expr; readonly windowMicros: number; readonly slideMicros: number; readonly startMicros: number; readonly outputIndex: number }
}
/**
 * Joins of the subquery rewrites (Spark's ExistenceJoin and LeftSingle): `existence` emits each left row
 * with a boolean column, true when some right row matches; `single` is a left outer join that fails with
 * SCALAR_SUBQUERY_TOO_MANY_ROWS when a left row matches a second right row.
 */
export type PhysicalJoinType = JoinType | 'existence' | 'single'
export interface HashJoinExec extends Base {
  readonly kind: 'HashJoin'
  readonly left: PhysicalPlan
  readonly right: PhysicalPlan
  readonly joinType: PhysicalJoinType
  readonly leftKeys: readonly Expr[]
  readonly rightKeys: readonly Expr[]
  /** Over the concatenated row (left then right). */
  readonly residual?: Expr
  /** Output expressions over the concatenated row; absent: all left then right columns. */
  readonly output?: readonly Expr[]
}
export interface NestedLoopJoinExec extends Base {
  readonly kind: 'NestedLoopJoin'
  readonly left: PhysicalPlan
  readonly right: PhysicalPlan
  readonly joinType: PhysicalJoinType
  readonly condition?: Expr
  readonly output?: readonly Expr[]
}
/**
 * A join of two streams (Spark's StreamingSymmetricHashJoinExec): both sides buffer
 * their rows in state; each batch joins new rows with the other side's buffer and
 * with each other. With watermarks, buffered rows older than the watermark minus
 * `stateRetentionMicros` are evicted (outer joins emit their unmatched rows then).
 */
export interface StreamStreamJoinExec extends Base {
  readonly kind: 'StreamStreamJoin'
  readonly left: PhysicalPlan
  readonly right: PhysicalPlan
  /** `semi` outputs the left row alone, once, at its first match. */
  readonly joinType: 'inner' | 'left' | 'right' | 'full' | 'semi'
  readonly leftKeys: readonly Expr[]
  readonly rightKeys: readonly Expr[]
  readonly residual?: Expr
  readonly stateful: StatefulInfo
  readonly leftEventTimeIndex?: number
  readonly rightEventTimeIndex?: number
  /** How long past the watermark a buffered row may still match (the time-range condition's width); absent: never evicted. */
  readonly stateRetentionMicros?: number
}

export interface UnionExec extends Base { readonly kind: 'Union'; readonly inputs: readonly PhysicalPlan[] }
export interface SortExec extends Base { readonly kind: 'Sort'; readonly input: PhysicalPlan; readonly orders: readonly SortOrderExpr[] }
export interface LimitExec extends Base {
  readonly kind: 'Limit'
  readonly input: PhysicalPlan
  readonly limit: number
  /** Set over a stream's appended rows: the count emitted so far is state, so the limit spans batches. */
  readonly stateful?: StatefulInfo
}
export interface DeduplicateExec extends Base {
  readonly kind: 'Deduplicate'
  readonly input: PhysicalPlan
  readonly keyIndexes: readonly number[]
  readonly stateful?: StatefulInfo
  /** dropDuplicatesWithinWatermark, or a watermarked key: state expires with the watermark. */
  readonly eventTimeIndex?: number
  readonly withinWatermark: boolean
  /** dropDuplicatesWithinWatermark: a key's state lives until event time + this delay passes the watermark. */
  readonly watermarkDelayMicros?: number
}
/** Tracks max event time for the watermark and drops rows later than the current watermark. */
export interface WatermarkExec extends Base {
  readonly kind: 'Watermark'
  readonly input: PhysicalPlan
  readonly eventTimeIndex: number
  readonly delayMicros: number
  readonly watermarkId: number
}

/**
 * A generator (explode, posexplode, inline, their `_outer` forms): for each input
 * row, one output row per element of `generator`'s array or map, the input columns
 * followed by the generated ones; an outer generator keeps rows with no elements
 * (generated columns null).
 */
export interface GenerateExec extends Base {
  readonly kind: 'Generate'
  readonly input: PhysicalPlan
  readonly generator: Expr
  readonly function: 'explode' | 'posexplode' | 'inline'
  readonly outer: boolean
}

/** INTERSECT / EXCEPT [ALL] of two inputs with the same columns, comparing whole rows (nulls equal). */
export interface SetOperationExec extends Base {
  readonly kind: 'SetOperation'
  readonly left: PhysicalPlan
  readonly right: PhysicalPlan
  readonly operation: 'intersect' | 'except'
  readonly all: boolean
}

/** Identity of a stateful operator in a streaming query (Spark's operatorId). */
export interface StatefulInfo {
  readonly operatorId: number
  readonly numPartitions: number
}

export function physicalChildren(p: PhysicalPlan): readonly PhysicalPlan[] {
  switch (p.kind) {
    case 'FileScan': case 'LocalScan': case 'StreamInput': return []
    case 'HashJoin': case 'NestedLoopJoin': case 'StreamStreamJoin': case 'SetOperation': return [p.left, p.right]
    case 'Union': return p.inputs
    default: return [p.input]
  }
}
