import { AnalysisError } from '../errors/sluice-error.js'
import type { DataType } from '../types/data-type.js'
import { sqlTypeString } from '../types/type-strings.js'

export function typeMismatch(name: string, detail: string, params: Record<string, string>, subclass: string): AnalysisError {
  return new AnalysisError(`DATATYPE_MISMATCH.${subclass}`,
    `Cannot resolve "${name}" due to data type mismatch: ${detail}. SQLSTATE: 42K09`, { sqlExpr: `"${name}"`, ...params })
}

export function binaryDiffTypes(name: string, left: DataType, right: DataType): AnalysisError {
  return typeMismatch(name,
    `the left and right operands of the binary operator have incompatible types ("${sqlTypeString(left)}" and "${sqlTypeString(right)}")`,
    { left: `"${sqlTypeString(left)}"`, right: `"${sqlTypeString(right)}"` }, 'BINARY_OP_DIFF_TYPES')
}

export function unexpectedInputType(name: string, index: number, required: string, actual: DataType, exprText: string): AnalysisError {
  const ordinals = ['first', 'second', 'third', 'fourth', 'fifth']
  return typeMismatch(name,
    `The ${ordinals[index] ?? `${index + 1}th`} parameter requires the ${required} type, however "${exprText}" has the type "${sqlTypeString(actual)}"`,
    { paramIndex: ordinals[index] ?? String(index + 1), requiredType: required, inputSql: `"${exprText}"`, inputType: `"${sqlTypeString(actual)}"` },
    'UNEXPECTED_INPUT_TYPE')
}
