import type { EvalContext, LogicalPlan, Row, SourceSpec, StructType } from '@sluice/shared'

/** A name the catalog knows: a temporary view (a plan) or a table of rows (memory sink). */
export type CatalogEntry =
  | { readonly kind: 'view'; readonly plan: LogicalPlan }
  | { readonly kind: 'table'; readonly schema: StructType; rows(): readonly Row[] }

export interface CatalogLookup {
  lookup(name: string): CatalogEntry | undefined
  names(): readonly string[]
}

export interface PlannerContext {
  readonly evalContext: EvalContext
  readonly catalog: CatalogLookup
  /** The schema of a source: the user's, or inferred from files / a table log (Delta time travel read in `timeZone`). */
  resolveSourceSchema(source: SourceSpec, timeZone?: string): Promise<StructType>
  /** spark.sql.shuffle.partitions, recorded for stateful operators. */
  readonly shufflePartitions: number
  /** Runs a batch query during analysis (pivot values), as Spark's analyzer does for `pivot` without values. */
  readonly collectRows?: (plan: LogicalPlan) => Promise<Row[]>
  /** spark.sql.pivotMaxValues. */
  readonly pivotMaxValues?: number
  /** The output mode of the streaming query being planned (a streaming limit's kind depends on it). */
  readonly outputMode?: 'append' | 'update' | 'complete'
}
