import { AnalysisError, ExecutionError, StructType, type Row, type StructField } from '@sluice/shared'

/** Index of a field by name: exact first, then case-insensitive; -1 when absent. */
export const findField = (fields: readonly StructField[], name: string): number => {
  const exact = fields.findIndex((f) => f.name === name)
  return exact >= 0 ? exact : fields.findIndex((f) => f.name.toLowerCase() === name.toLowerCase())
}

/** The schema the table will have after the write, and where each of its columns comes from in the input rows (-1: null). */
export function resolveWriteSchema(tablePath: string, table: StructType | null, input: StructType, merge: boolean): { schema: StructType; sources: number[] } {
  if (!table) return { schema: input, sources: input.fields.map((_, i) => i) }
  const fields = [...table.fields]
  input.fields.forEach((field) => {
    const at = findField(fields, field.name)
    if (at < 0) {
      if (!merge) {
        throw new AnalysisError('DELTA_METADATA_MISMATCH', `A schema mismatch detected when writing to the Delta table at ${tablePath}: the data has column \`${field.name}\` the table lacks. To enable schema migration, set option("mergeSchema", "true").`, { tablePath, column: field.name })
      }
      fields.push(field)
    } else if (!sameTypeIgnoringNullability(fields[at]!.dataType, field.dataType)) {
      throw new AnalysisError('DELTA_FAILED_TO_MERGE_FIELDS', `Failed to merge fields '${fields[at]!.name}' and '${field.name}' of the table at ${tablePath}: ${describe(fields[at]!.dataType)} and ${describe(field.dataType)} are incompatible.`, { currentField: fields[at]!.name, updateField: field.name })
    }
  })
  const schema = StructType(fields)
  return { schema, sources: fields.map((f) => findField(input.fields, f.name)) }
}

const describe = (t: unknown): string => JSON.stringify(t)

function sameTypeIgnoringNullability(a: StructField['dataType'], b: StructField['dataType']): boolean {
  const strip = (t: unknown): unknown => JSON.parse(JSON.stringify(t, (k, v) => (k === 'nullable' || k === 'containsNull' || k === 'valueContainsNull' || k === 'metadata' ? undefined : v)))
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b))
}

/** Delta's NOT NULL constraint on top-level columns the table declares non-nullable. */
export function checkNotNull(tablePath: string, schema: StructType, sources: readonly number[], rows: readonly Row[]): void {
  schema.fields.forEach((field, i) => {
    if (field.nullable) return
    const source = sources[i]!
    const row = source < 0 ? rows[0] : rows.find((r) => r[source] === null || r[source] === undefined)
    if (row !== undefined) {
      throw new ExecutionError('DELTA_NOT_NULL_CONSTRAINT_VIOLATED', `NOT NULL constraint violated for column: ${field.name} (table ${tablePath}).`, { columnName: field.name })
    }
  })
}

