import { AnalysisError, compileExpr, literalPrettyName, parseExpression, type Row, type StructType } from '@sluice/shared'
import type { DeltaAddFile } from './delta-actions.js'
import { readDeltaFiles } from './delta-reader.js'

/** `option("replaceWhere", predicate)` compiled against the table schema the write commits. */
export interface ReplaceWhere {
  readonly text: string
  readonly matches: (row: Row) => boolean
}

/** Compiles the predicate; a row matches only when it evaluates to true (false and NULL do not). */
export function compileReplaceWhere(text: string, schema: StructType, timeZone: string): ReplaceWhere {
  const compiled = compileExpr(parseExpression(text), schema, { ansi: true, timeZone, caseSensitive: false, currentTimestampMicros: Date.now() * 1000 })
  return { text, matches: (row) => compiled.eval(row) === true }
}

/**
 * Delta checks the written rows against the predicate as a CHECK constraint: one
 * row outside it fails the whole write with DELTA_REPLACE_WHERE_MISMATCH.
 */
export function checkRowsMatch(replaceWhere: ReplaceWhere, schema: StructType, rows: Iterable<Row>, timeZone: string): void {
  for (const row of rows) {
    if (replaceWhere.matches(row)) continue
    const values = schema.fields.map((f, i) => ` - ${f.name} : ${row[i] === null || row[i] === undefined ? 'null' : literalPrettyName(row[i], f.dataType, timeZone)}`).join('\n')
    throw new AnalysisError('DELTA_REPLACE_WHERE_MISMATCH',
      `Data written out does not match replaceWhere '${replaceWhere.text}'.\nCHECK constraint EXPRESSION(${replaceWhere.text}) (${replaceWhere.text}) violated by row with values:\n${values}`,
      { replaceWhere: replaceWhere.text })
  }
}

/**
 * The live files holding a row the predicate matches (to remove), and the rows of
 * those files it does not match (to write again), as Delta's delete by predicate:
 * a file whose rows all match (a whole matching partition) leaves nothing behind.
 */
export async function filesToReplace(
  tablePath: string, schema: StructType, partitionColumns: readonly string[], files: readonly DeltaAddFile[], replaceWhere: ReplaceWhere,
): Promise<{ removes: DeltaAddFile[]; keptRows: Row[] }> {
  const removes: DeltaAddFile[] = []
  const keptRows: Row[] = []
  for (const file of files) {
    const rows: Row[] = []
    for await (const batch of readDeltaFiles(tablePath, schema, partitionColumns, [file])) rows.push(...batch)
    if (!rows.some((row) => replaceWhere.matches(row))) continue
    removes.push(file)
    for (const row of rows) if (!replaceWhere.matches(row)) keptRows.push(row)
  }
  return { removes, keptRows }
}
