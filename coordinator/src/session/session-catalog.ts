import { AnalysisError, type LogicalPlan, type Row, type StructType } from '@sluice/shared'
import type { CatalogEntry, CatalogLookup } from '../planner/planner-context.js'

/** What `spark.catalog.listTables()` reports of one table (PySpark's `Table`). */
export interface TableInfo {
  readonly name: string
  readonly catalog: string | null
  readonly namespace: readonly string[] | null
  readonly description: string | null
  readonly tableType: 'TEMPORARY' | 'MANAGED'
  readonly isTemporary: boolean
}

/** The session's temporary views and in-memory tables (memory sinks), by case-insensitive name. */
export class SessionCatalog implements CatalogLookup {
  readonly #entries = new Map<string, { name: string; entry: CatalogEntry }>()

  lookup(name: string): CatalogEntry | undefined {
    return this.#entries.get(name.toLowerCase())?.entry
  }

  names(): readonly string[] {
    return [...this.#entries.values()].map((e) => e.name)
  }

  createOrReplaceTempView(name: string, plan: LogicalPlan): void {
    this.#entries.set(name.toLowerCase(), { name, entry: { kind: 'view', plan } })
  }

  createTempView(name: string, plan: LogicalPlan): void {
    if (this.#entries.has(name.toLowerCase())) {
      throw new AnalysisError('TEMP_TABLE_OR_VIEW_ALREADY_EXISTS', `Cannot create the temporary view \`${name}\` because it already exists.`, { relationName: name })
    }
    this.createOrReplaceTempView(name, plan)
  }

  /** Registers a table whose rows are read at query time (a memory sink's result table). */
  registerTable(name: string, schema: StructType, rows: () => readonly Row[]): void {
    this.#entries.set(name.toLowerCase(), { name, entry: { kind: 'table', schema, rows } })
  }

  dropTempView(name: string): boolean {
    return this.#entries.delete(name.toLowerCase())
  }

  listTables(): TableInfo[] {
    return [...this.#entries.values()]
      .map(({ name }) => ({ name, catalog: null, namespace: [], description: null, tableType: 'TEMPORARY' as const, isTemporary: true }))
      .sort((a, b) => a.name.localeCompare(b.name))
  }
}
