import {
  BooleanType, StringType, StructField, StructType, parseQuery, type LogicalPlan, type Row,
} from '@sluice/shared'
import type { QueryEngine } from '../session/query-engine.js'
import type { CoordinatorSession } from './coordinator-session.js'

/**
 * One SQL statement as ExecuteSql takes it: a query, or one of the few commands a
 * SQL-only client needs for its session (`SET key=value`, `SET key`, `SET`,
 * `RESET key`, `RESET`, `SHOW TABLES`).
 */
export type SqlStatement =
  | { readonly kind: 'query'; readonly plan: LogicalPlan }
  | { readonly kind: 'set'; readonly key?: string; readonly value?: string }
  | { readonly kind: 'reset'; readonly key?: string }
  | { readonly kind: 'showTables' }

const SET = /^\s*SET(?:\s+(?<key>[^=\s;]+)\s*(?:=\s*(?<value>.*?))?)?\s*;?\s*$/is
const RESET = /^\s*RESET(?:\s+(?<key>[^\s;]+))?\s*;?\s*$/is
const SHOW_TABLES = /^\s*SHOW\s+TABLES\s*;?\s*$/is

/** Parses a statement; a query goes through Sluice's SQL parser (PARSE_SYNTAX_ERROR on bad input). */
export function parseSqlStatement(sql: string, timeZone: string): SqlStatement {
  const set = SET.exec(sql)
  if (set !== null) {
    const { key, value } = set.groups ?? {}
    return { kind: 'set', ...(key !== undefined ? { key } : {}), ...(value !== undefined ? { value: value.trim() } : {}) }
  }
  const reset = RESET.exec(sql)
  if (reset !== null) return { kind: 'reset', ...(reset.groups?.['key'] !== undefined ? { key: reset.groups['key'] } : {}) }
  if (SHOW_TABLES.test(sql)) return { kind: 'showTables' }
  return { kind: 'query', plan: parseQuery(sql, { timeZone }) }
}

const KEY_VALUE = StructType([StructField('key', StringType, false), StructField('value', StringType, true)])
const TABLES = StructType([
  StructField('namespace', StringType, false), StructField('tableName', StringType, false), StructField('isTemporary', BooleanType, false),
])

/** Runs a statement: a query on `engine`; a command on the session (its conf, its catalog), with Spark's result columns. */
export async function runSqlStatement(
  statement: SqlStatement, session: CoordinatorSession, engine: QueryEngine, signal?: AbortSignal,
): Promise<{ schema: StructType; rows: Row[] }> {
  switch (statement.kind) {
    case 'query':
      return engine.collect(statement.plan, signal ? { signal } : {})
    case 'set': {
      const { key, value } = statement
      if (key === undefined) return { schema: KEY_VALUE, rows: session.conf.entries().sort(([a], [b]) => a.localeCompare(b)) }
      if (value !== undefined) session.conf.set(key, value)
      return { schema: KEY_VALUE, rows: [[key, session.conf.get(key) ?? '<undefined>']] }
    }
    case 'reset':
      session.resetConf(statement.key)
      return { schema: StructType([]), rows: [] }
    case 'showTables':
      return { schema: TABLES, rows: session.engine.catalog.listTables().map((t) => ['', t.name, t.isTemporary]) }
  }
}
