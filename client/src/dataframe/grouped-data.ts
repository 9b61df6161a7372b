import { AnalysisError, Expr, Plan, type LogicalPlan } from '@sluice/shared'
import { Column, lit } from '../column/index.js'
import type { DataFrame } from './data-frame.js'
import { flattenArgs, toColumnExpr, type ColumnLike } from './column-args.js'

/**
 * `df.groupBy(...)`: a DataFrame waiting for its aggregates (PySpark's GroupedData).
 * The grouping columns come first in the result, then the aggregates.
 */
export class GroupedData {
  constructor(
    private readonly dataFrame: DataFrame,
    private readonly grouping: readonly Expr[],
    private readonly groupingSets?: readonly (readonly number[])[],
    private readonly pivotSpec?: { readonly column: Expr; readonly values?: readonly Expr[] },
  ) {}

  /**
   * One output column per value of `column` (and per aggregate), as Spark's `pivot`:
   * `groupBy("year").pivot("course", ["dotNET", "Java"]).sum("earnings")`. Without
   * `values`, the column's distinct values are found when the query runs (sorted).
   */
  pivot(column: string | Column, values?: readonly unknown[]): GroupedData {
    if (this.pivotSpec) throw new AnalysisError('REPEATED_CLAUSE', 'Repeated pivots are not supported.')
    if (this.groupingSets) throw new AnalysisError('UNSUPPORTED_FEATURE.PIVOT_AFTER_GROUP_BY', 'Pivot not after a groupBy is not supported.')
    const pivotColumn = toColumnExpr(column)
    const valueExprs = values?.map((v) => (v instanceof Column ? v.expr : lit(v).expr))
    return new GroupedData(this.dataFrame, this.grouping, undefined, { column: pivotColumn, ...(valueExprs ? { values: valueExprs } : {}) })
  }

  /** `agg(count("*"), avg("x"))`, or `agg({x: "avg", y: "max"})` as in PySpark. */
  agg(...exprs: (Column | Record<string, string> | readonly Column[])[]): DataFrame {
    const aggregates = exprs.flatMap((e): Expr[] => {
      if (e instanceof Column) return [e.expr]
      if (Array.isArray(e)) return (e as Column[]).map((c) => c.expr)
      return Object.entries(e as Record<string, string>).map(([column, fn]) =>
        Expr.alias(Expr.call(fn === 'mean' ? 'avg' : fn, [column === '*' ? Expr.literal(1, { kind: 'integer' }) : Expr.column(column)]), `${fn}(${column === '*' ? '1' : column})`))
    })
    return this.build(aggregates)
  }

  /** Rows per group, in a column named `count`. */
  count(): DataFrame {
    return this.build([Expr.alias(Expr.call('count', [Expr.literal(1, { kind: 'integer' })]), 'count')])
  }

  avg(...columns: string[]): DataFrame { return this.numeric('avg', columns) }
  mean(...columns: string[]): DataFrame { return this.numeric('avg', columns) }
  sum(...columns: string[]): DataFrame { return this.numeric('sum', columns) }
  min(...columns: string[]): DataFrame { return this.numeric('min', columns) }
  max(...columns: string[]): DataFrame { return this.numeric('max', columns) }

  private numeric(fn: string, columns: readonly string[]): DataFrame {
    return this.build(columns.map((c) => Expr.call(fn, [Expr.column(c)])))
  }

  private build(aggregates: readonly Expr[]): DataFrame {
    if (this.pivotSpec) {
      return this.dataFrame.withPlan(Plan.pivot(this.dataFrame.plan, this.grouping, this.pivotSpec.column, this.pivotSpec.values, aggregates))
    }
    const plan: LogicalPlan = Plan.aggregate(this.dataFrame.plan, this.grouping, [...this.grouping, ...aggregates], this.groupingSets)
    return this.dataFrame.withPlan(plan)
  }
}

export function groupingExprs(columns: readonly (ColumnLike | readonly ColumnLike[])[]): Expr[] {
  return flattenArgs(columns).map(toColumnExpr)
}
