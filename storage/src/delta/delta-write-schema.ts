import { AnalysisError, ArrayType, ExecutionError, MapType, StructField, StructType, type DataType, type Row } from '@sluice/shared'

/** Index of a field by name: exact first, then case-insensitive; -1 when absent. */
export const findField = (fields: readonly StructField[], name: string): number => {
  const exact = fields.findIndex((f) => f.name === name)
  return exact >= 0 ? exact : fields.findIndex((f) => f.name.toLowerCase() === name.toLowerCase())
}

/** Spark's `DataType.asNullable`: Delta stores a written schema with every field, element and value nullable. */
export function asNullable<T extends DataType>(type: T): T {
  switch (type.kind) {
    case 'struct': return StructType(type.fields.map((f) => StructField(f.name, asNullable(f.dataType), true, f.metadata as Record<string, unknown>))) as T
    case 'array': return { kind: 'array', elementType: asNullable(type.elementType), containsNull: true } as T
    case 'map': return { kind: 'map', keyType: asNullable(type.keyType), valueType: asNullable(type.valueType), valueContainsNull: true } as T
    default: return type
  }
}

/**
 * Delta's `SchemaMergingUtils.mergeSchemas(table, data)`: the table's columns (its
 * types and nullability) followed by the data's new columns, and where each column
 * comes from in the input rows (-1: null). Structs merge the same way at every
 * depth, also inside arrays and map keys and values: a nested field the table lacks
 * is added after the table's fields. Leaf types must match, except that BYTE, SHORT
 * and INT widen to one another (Parquet stores them alike); anything else is
 * DELTA_FAILED_TO_MERGE_FIELDS. Whether a changed schema may be committed is the
 * caller's decision (mergeSchema).
 */
export function mergeWriteSchema(table: StructType, input: StructType): { schema: StructType; sources: number[] } {
  const schema = mergeStruct(table, asNullable(input))
  return { schema, sources: schema.fields.map((f) => findField(input.fields, f.name)) }
}

function mergeStruct(table: StructType, data: StructType): StructType {
  const fields = table.fields.map((current) => {
    const at = findField(data.fields, current.name)
    if (at < 0) return current
    const update = data.fields[at]!
    return StructField(current.name, mergeFieldType(current, update), current.nullable, current.metadata as Record<string, unknown>)
  })
  for (const field of data.fields) if (findField(table.fields, field.name) < 0) fields.push(field)
  return StructType(fields)
}

const INTEGRAL_WIDTH: Partial<Record<DataType['kind'], number>> = { byte: 1, short: 2, integer: 3 }

/** Merges one field's types; a failure names every field on the way down, as Delta's nested merge errors do. */
function mergeFieldType(current: StructField, update: StructField): DataType {
  try {
    return mergeType(current.dataType, update.dataType)
  } catch (error) {
    const inner = error instanceof AnalysisError ? error.message.replace(/^\[[A-Z_]+\] /, '') : String(error)
    throw new AnalysisError('DELTA_FAILED_TO_MERGE_FIELDS', `Failed to merge fields '${current.name}' and '${update.name}'. ${inner}`,
      { currentField: current.name, updateField: update.name })
  }
}

function mergeType(a: DataType, b: DataType): DataType {
  if (a.kind === 'struct' && b.kind === 'struct') return mergeStruct(a, b)
  // The table's containsNull / valueContainsNull stay, as Delta keeps the current type's.
  if (a.kind === 'array' && b.kind === 'array') return ArrayType(mergeType(a.elementType, b.elementType), a.containsNull)
  if (a.kind === 'map' && b.kind === 'map') return MapType(mergeType(a.keyType, b.keyType), mergeType(a.valueType, b.valueType), a.valueContainsNull)
  if (sameIgnoringNullability(a, b)) return a
  const wa = INTEGRAL_WIDTH[a.kind]
  const wb = INTEGRAL_WIDTH[b.kind]
  if (wa !== undefined && wb !== undefined) return wa >= wb ? a : b
  if (a.kind === 'null') return b
  if (b.kind === 'null') return a
  throw new AnalysisError('DELTA_MERGE_INCOMPATIBLE_DATATYPE', `Failed to merge incompatible data types ${scalaTypeString(a)} and ${scalaTypeString(b)}`,
    { currentDataType: scalaTypeString(a), updateDataType: scalaTypeString(b) })
}

/** Spark's `DataType.toString` (`LongType`, `DecimalType(10,2)`, `ArrayType(StringType,true)`), as Delta's merge errors print types. */
export function scalaTypeString(type: DataType): string {
  switch (type.kind) {
    case 'decimal': return `DecimalType(${type.precision},${type.scale})`
    case 'array': return `ArrayType(${scalaTypeString(type.elementType)},${type.containsNull})`
    case 'map': return `MapType(${scalaTypeString(type.keyType)},${scalaTypeString(type.valueType)},${type.valueContainsNull})`
    case 'struct': return `StructType(${type.fields.map((f) => `StructField(${f.name},${scalaTypeString(f.dataType)},${f.nullable})`).join(',')})`
    case 'timestamp_ntz': return 'TimestampNTZType'
    case 'interval': return 'CalendarIntervalType'
    default: return `${type.kind.charAt(0).toUpperCase()}${type.kind.slice(1)}Type`
  }
}

function sameIgnoringNullability(a: DataType, b: DataType): boolean {
  const strip = (t: unknown): string => JSON.stringify(t, (k, v) => (k === 'nullable' || k === 'containsNull' || k === 'valueContainsNull' || k === 'metadata' ? undefined : typeof v === 'string' && k === 'name' ? v.toLowerCase() : v))
  return strip(a) === strip(b)
}

/** Dotted names of every field, nested struct fields included (Delta's `explodeNestedFieldNames`). */
function nestedFieldNames(fields: readonly StructField[], prefix = ''): string[] {
  return fields.flatMap((f) => [`${prefix}${f.name}`, ...(f.dataType.kind === 'struct' ? nestedFieldNames(f.dataType.fields, `${prefix}${f.name}.`) : [])])
}

/** Delta refuses data whose column names repeat, ignoring case (Parquet would keep both): DELTA_DUPLICATE_COLUMNS_FOUND. */
export function checkNoDuplicateColumns(input: StructType): void {
  const names = nestedFieldNames(input.fields).map((n) => n.toLowerCase())
  const duplicates = [...new Set(names.filter((n, i) => names.indexOf(n) !== i))]
  if (duplicates.length > 0) {
    throw new AnalysisError('DELTA_DUPLICATE_COLUMNS_FOUND', `Found duplicate column(s) in the data to save: ${duplicates.join(', ')}`, { coltype: 'in the data to save', duplicateCols: duplicates.join(', ') })
  }
}

/** Delta's NOT NULL constraint on top-level columns the table declares non-nullable. */
export function checkNotNull(tablePath: string, schema: StructType, sources: readonly number[], rows: readonly Row[]): void {
  schema.fields.forEach((field, i) => {
    if (field.nullable) return
    const source = sources[i]!
    const row = source < 0 ? rows[0] : rows.find((r) => r[source] === null || r[source] === undefined)
    if (row !== undefined) {
      throw new ExecutionError('DELTA_NOT_NULL_CONSTRAINT_VIOLATED', `NOT NULL constraint violated for column: ${field.name}.`, { columnName: field.name })
    }
  })
}
