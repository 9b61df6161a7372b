import { DuckDBInstance } from '@duckdb/node-api'

/**
 * Reads Parquet files with DuckDB (an independent reader), as JS objects: BIGINT as
 * bigint, DOUBLE as number, STRUCT as a plain object. An empty list gives no rows.
 */
export async function readParquetWithDuckDB(files: readonly string[], select = '*'): Promise<Record<string, unknown>[]> {
  if (files.length === 0) return []
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' })
  try {
    const connection = await instance.connect()
    try {
      const list = files.map((file) => `'${file.replaceAll("'", "''")}'`).join(', ')
      const reader = await connection.runAndReadAll(`SELECT ${select} FROM read_parquet([${list}], union_by_name = true)`)
      return reader.getRowObjectsJS() as Record<string, unknown>[]
    } finally {
      connection.closeSync()
    }
  } finally {
    instance.closeSync()
  }
}
