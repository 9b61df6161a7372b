import type { SchemaElement } from 'hyparquet'
import {
  AnalysisError,
  ArrayType,
  BinaryType,
  BooleanType,
  ByteType,
  DateType,
  DecimalType,
  DoubleType,
  FloatType,
  IntegerType,
  LongType,
  MapType,
  ShortType,
  StringType,
  minBytesForPrecision,
  StructField,
  StructType,
  TimestampNTZType,
  TimestampType,
  TimeType,
  type DataType,
} from '@sluice/shared'

/**
 * The Parquet schema (flattened `SchemaElement` list, root first) that Spark writes for
 * `schema`: standard 3-level LIST and MAP groups, INT32/INT64/FIXED decimals by
 * precision, TIMESTAMP(MICROS) timestamps, INT_8/INT_16 for byte/short.
 */
export function sparkToParquetSchema(schema: StructType): SchemaElement[] {
  const out: SchemaElement[] = [{ name: 'spark_schema', num_children: schema.fields.length }]
  for (const field of schema.fields) appendField(out, field.name, field.dataType, field.nullable ? 'OPTIONAL' : 'REQUIRED')
  return out
}

function appendField(out: SchemaElement[], name: string, type: DataType, repetition: 'OPTIONAL' | 'REQUIRED'): void {
  const base = { name, repetition_type: repetition } as const
  switch (type.kind) {
    case 'boolean':
      out.push({ ...base, type: 'BOOLEAN' })
      return
    case 'byte':
      // Only the converted type, as parquet-mr's legacy INT_8: readers take both.
      out.push({ ...base, type: 'INT32', converted_type: 'INT_8' })
      return
    case 'short':
      out.push({ ...base, type: 'INT32', converted_type: 'INT_16' })
      return
    case 'integer':
      out.push({ ...base, type: 'INT32' })
      return
    case 'long':
      out.push({ ...base, type: 'INT64' })
      return
    case 'float':
      out.push({ ...base, type: 'FLOAT' })
      return
    case 'double':
      out.push({ ...base, type: 'DOUBLE' })
      return
    case 'string':
      out.push({ ...base, type: 'BYTE_ARRAY', converted_type: 'UTF8', logical_type: { type: 'STRING' } })
      return
    case 'binary':
      out.push({ ...base, type: 'BYTE_ARRAY' })
      return
    case 'date':
      out.push({ ...base, type: 'INT32', converted_type: 'DATE', logical_type: { type: 'DATE' } })
      return
    case 'timestamp':
      out.push({ ...base, type: 'INT64', converted_type: 'TIMESTAMP_MICROS', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MICROS' } })
      return
    case 'timestamp_ntz':
      out.push({ ...base, type: 'INT64', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: false, unit: 'MICROS' } })
      return
    // ANSI intervals as Spark writes them: their int months / long microseconds, the type kept in the footer's Spark schema.
    case 'year_month_interval':
      out.push({ ...base, type: 'INT32' })
      return
    case 'day_time_interval':
      out.push({ ...base, type: 'INT64' })
      return
    // TIME keeps its nanoseconds of the day (so row-group statistics compare with the internal values).
    case 'time':
      out.push({ ...base, type: 'INT64', logical_type: { type: 'TIME', isAdjustedToUTC: false, unit: 'NANOS' } })
      return
    case 'decimal': {
      const decimal = { converted_type: 'DECIMAL', precision: type.precision, scale: type.scale, logical_type: { type: 'DECIMAL', precision: type.precision, scale: type.scale } } as const
      if (type.precision <= 9) out.push({ ...base, ...decimal, type: 'INT32' })
      else if (type.precision <= 18) out.push({ ...base, ...decimal, type: 'INT64' })
      else out.push({ ...base, ...decimal, type: 'FIXED_LEN_BYTE_ARRAY', type_length: minBytesForPrecision(type.precision) })
      return
    }
    case 'struct':
      out.push({ ...base, num_children: type.fields.length })
      for (const child of type.fields) appendField(out, child.name, child.dataType, child.nullable ? 'OPTIONAL' : 'REQUIRED')
      return
    case 'array':
      out.push({ ...base, num_children: 1, converted_type: 'LIST', logical_type: { type: 'LIST' } })
      out.push({ name: 'list', repetition_type: 'REPEATED', num_children: 1 })
      appendField(out, 'element', type.elementType, type.containsNull ? 'OPTIONAL' : 'REQUIRED')
      return
    case 'map':
      out.push({ ...base, num_children: 1, converted_type: 'MAP', logical_type: { type: 'MAP' } })
      out.push({ name: 'key_value', repetition_type: 'REPEATED', num_children: 2 })
      appendField(out, 'key', type.keyType, 'REQUIRED')
      appendField(out, 'value', type.valueType, type.valueContainsNull ? 'OPTIONAL' : 'REQUIRED')
      return
    default:
      throw new AnalysisError('UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE', `The Parquet datasource doesn't support the column \`${name}\` of the type "${type.kind}".`, {
        columnName: name,
        columnType: type.kind,
        format: 'Parquet',
      })
  }
}

/** A node of the Parquet schema as a tree (what `parquetSchema` of hyparquet returns). */
export interface ParquetSchemaNode {
  readonly element: SchemaElement
  readonly children: readonly ParquetSchemaNode[]
}

/** The Spark type Spark infers for a Parquet column (`ParquetToSparkSchemaConverter`). */
export function parquetNodeToSparkType(node: ParquetSchemaNode): DataType {
  const element = node.element
  const converted = element.converted_type
  const logical = element.logical_type
  if (node.children.length > 0) {
    if (converted === 'LIST' || logical?.type === 'LIST') {
      const repeated = node.children[0]!
      // 3-level lists wrap the element in a one-child group; 2-level lists repeat it directly.
      const isThreeLevel = repeated.children.length === 1 && repeated.element.name !== 'array' && !repeated.element.name.endsWith('_tuple')
      const elementNode = isThreeLevel ? repeated.children[0]! : repeated
      const containsNull = isThreeLevel ? elementNode.element.repetition_type !== 'REQUIRED' : false
      return ArrayType(parquetNodeToSparkType(elementNode), containsNull)
    }
    if (converted === 'MAP' || converted === 'MAP_KEY_VALUE' || logical?.type === 'MAP') {
      const keyValue = node.children[0]!
      const key = keyValue.children[0]!
      const value = keyValue.children[1]!
      return MapType(parquetNodeToSparkType(key), parquetNodeToSparkType(value), value.element.repetition_type !== 'REQUIRED')
    }
    return StructType(node.children.map((child) => StructField(child.element.name, parquetNodeToSparkType(child), child.element.repetition_type !== 'REQUIRED')))
  }
  if (element.repetition_type === 'REPEATED') {
    return ArrayType(parquetNodeToSparkType({ element: { ...element, repetition_type: 'REQUIRED' }, children: [] }), false)
  }
  if (converted === 'DECIMAL' || logical?.type === 'DECIMAL') {
    return DecimalType(element.precision ?? (logical?.type === 'DECIMAL' ? logical.precision : 10), element.scale ?? (logical?.type === 'DECIMAL' ? logical.scale : 0))
  }
  switch (element.type) {
    case 'BOOLEAN':
      return BooleanType
    case 'INT32':
      if (converted === 'INT_8' || (logical?.type === 'INTEGER' && logical.bitWidth === 8)) return ByteType
      if (converted === 'INT_16' || (logical?.type === 'INTEGER' && logical.bitWidth === 16)) return ShortType
      if (converted === 'DATE' || logical?.type === 'DATE') return DateType
      if (converted === 'UINT_32' || (logical?.type === 'INTEGER' && !logical.isSigned)) return LongType
      return IntegerType
    case 'INT64':
      if (logical?.type === 'TIME' && logical.unit === 'NANOS') return TimeType(6)
      if (logical?.type === 'TIMESTAMP') return logical.isAdjustedToUTC ? TimestampType : TimestampNTZType
      if (converted === 'TIMESTAMP_MICROS' || converted === 'TIMESTAMP_MILLIS') return TimestampType
      if (converted === 'UINT_64' || (logical?.type === 'INTEGER' && !logical.isSigned)) return DecimalType(20, 0)
      return LongType
    case 'INT96':
      return TimestampType
    case 'FLOAT':
      return FloatType
    case 'DOUBLE':
      return DoubleType
    case 'BYTE_ARRAY':
      if (converted === 'UTF8' || converted === 'ENUM' || converted === 'JSON' || logical?.type === 'STRING' || logical?.type === 'ENUM' || logical?.type === 'JSON') return StringType
      return BinaryType
    case 'FIXED_LEN_BYTE_ARRAY':
      return BinaryType
    default:
      throw new AnalysisError('PARQUET_TYPE_ILLEGAL', `Illegal Parquet type: ${String(element.type)} (column \`${element.name}\`).`, { parquetType: String(element.type) })
  }
}
