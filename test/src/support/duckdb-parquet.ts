import { DuckDBInstance } from '@duckdb/node-api'

/**
 * Reads Parquet files with DuckDB (an independent reader), as JS objects: BIGINT as
 * bigint, DOUBLE as number, STRUCT as a plain object. An empty list gives no rows.
 */
export async function readParquetWithDuckDB(files: readonly string[], select = '*'): Promise<Record<string, unknown>[]> {
  if (files.length === 0) return []
  const list = files.map((file) => `'${file.replaceAll("'", "''")}'`).join(', ')
  return queryWithDuckDB(`SELECT ${select} FROM read_parquet([${list}], union_by_name = true)`)
}

/** Runs one SQL query in a fresh one-thread in-memory DuckDB and returns its rows as JS objects. */
export async function queryWithDuckDB(sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' })
  try {
    const connection = await instance.connect()
    try {
      const reader = await connection.runAndReadAll(sql)
      return reader.getRowObjectsJS() as Record<string, unknown>[]
    } finally {
      connection.closeSync()
    }
  } finally {
    instance.closeSync()
  }
}
