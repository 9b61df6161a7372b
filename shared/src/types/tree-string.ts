import type { DataType, StructType } from './data-type.js'
import { typeName } from './type-strings.js'

/**
 * Spark's `StructType.treeString`, the text `printSchema` prints (ends with a newline):
 * ```
 * root
 *  |-- a: integer (nullable = true)
 *  |-- s: struct (nullable = true)
 *  |    |-- b: string (nullable = true)
 * ```
 * Arrays show an `element` line, maps `key` and `value` lines. `maxDepth` cuts nesting as Spark's `level`.
 */
export function treeString(struct: StructType, maxDepth = Number.POSITIVE_INFINITY): string {
  const lines: string[] = ['root']
  appendFields(struct, ' |', 1, maxDepth, lines)
  return `${lines.join('\n')}\n`
}

function appendFields(struct: StructType, prefix: string, depth: number, maxDepth: number, lines: string[]): void {
  if (depth > maxDepth) return
  for (const field of struct.fields) {
    lines.push(`${prefix}-- ${field.name}: ${typeName(field.dataType)} (nullable = ${field.nullable})`)
    appendNested(field.dataType, `${prefix}    |`, depth + 1, maxDepth, lines)
  }
}

function appendNested(type: DataType, prefix: string, depth: number, maxDepth: number, lines: string[]): void {
  if (depth > maxDepth) return
  switch (type.kind) {
    case 'struct':
      appendFields(type, prefix, depth, maxDepth, lines)
      return
    case 'array':
      lines.push(`${prefix}-- element: ${typeName(type.elementType)} (containsNull = ${type.containsNull})`)
      appendNested(type.elementType, `${prefix}    |`, depth + 1, maxDepth, lines)
      return
    case 'map':
      lines.push(`${prefix}-- key: ${typeName(type.keyType)}`)
      appendNested(type.keyType, `${prefix}    |`, depth + 1, maxDepth, lines)
      lines.push(`${prefix}-- value: ${typeName(type.valueType)} (valueContainsNull = ${type.valueContainsNull})`)
      appendNested(type.valueType, `${prefix}    |`, depth + 1, maxDepth, lines)
      return
    default:
      return
  }
}
