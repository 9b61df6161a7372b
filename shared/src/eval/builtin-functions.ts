import { Expr } from '../expr/expr.js'
import { AnalysisError, ExecutionError } from '../errors/sluice-error.js'
import { ArrayType, BooleanType, MapType, NullType, StructField, StructType, type DataType } from '../types/data-type.js'
import { sqlTypeString } from '../types/type-strings.js'
import { compareValues, valuesEqual } from '../functions/value-ordering.js'
import { makeNode, constantValue, type CompiledNode } from './compiled-node.js'
import type { ExprCompiler } from './compile-expr.js'
import { exprOutputName } from './expr-output-name.js'
import { findWiderTypeOfAll } from './type-coercion.js'
import { comparisonType } from './compile-comparison.js'

function wrongNumArgs(name: string, expected: string, actual: number): AnalysisError {
  return new AnalysisError('WRONG_NUM_ARGS.WITHOUT_SUGGESTION',
    `The \`${name}\` requires ${expected} parameters but the actual number is ${actual}. Please, refer to 'https://spark.apache.org/docs/latest/sql-ref-functions.html' for a fix. SQLSTATE: 42605`,
    { functionName: `\`${name}\``, expectedNum: expected, actualNum: String(actual) })
}

function commonType(name: string, nodes: readonly CompiledNode[], ansi: boolean, outName: string): DataType {
  const type = findWiderTypeOfAll(nodes.map((n) => n.dataType), !ansi)
  if (type === undefined) {
    const types = nodes.map((n) => `"${sqlTypeString(n.dataType)}"`).join(', ')
    throw new AnalysisError('DATATYPE_MISMATCH.DATA_DIFF_TYPES',
      `Cannot resolve "${outName}" due to data type mismatch: Input to \`${name}\` should all be the same type, but it's [${types}]. SQLSTATE: 42K09`,
      { functionName: `\`${name}\``, dataType: `[${types}]` })
  }
  return type
}

/**
 * Spark's expression-like functions the compiler builds itself when the function
 * catalog has no entry of that name: conditionals (`coalesce`, `if`, `nvl`,
 * `nvl2`, `nullif`, `ifnull`) and constructors (`array`, `map`, `struct`,
 * `named_struct`). Undefined for any other name.
 */
export function compileBuiltinFunction(c: ExprCompiler, name: string, argExprs: readonly Expr[], outName: string): CompiledNode | undefined {
  const ansi = c.context.ansi
  switch (name) {
    case 'coalesce': case 'nvl': case 'ifnull': {
      if (name === 'coalesce' ? argExprs.length === 0 : argExprs.length !== 2) {
        throw wrongNumArgs(name, name === 'coalesce' ? '> 0' : '2', argExprs.length)
      }
      const nodes = argExprs.map((a) => c.compile(a))
      const type = commonType(name, nodes, ansi, outName)
      const evals = nodes.map((n) => c.castTo(n, type).eval)
      return makeNode(type, nodes.every((n) => n.nullable), outName, nodes.every((n) => n.foldable), (row) => {
        for (const e of evals) {
          const v = e(row)
          if (v !== null && v !== undefined) return v
        }
        return null
      })
    }
    case 'if': case 'iff': case 'nvl2': {
      if (argExprs.length !== 3) throw wrongNumArgs(name, '3', argExprs.length)
      const [first, a, b] = argExprs.map((x) => c.compile(x)) as [CompiledNode, CompiledNode, CompiledNode]
      const type = commonType(name, [a, b], ansi, outName)
      const test = name !== 'nvl2' ? c.castTo(first, BooleanType).eval : first.eval
      const ae = c.castTo(a, type).eval
      const be = c.castTo(b, type).eval
      const isIf = name !== 'nvl2'
      return makeNode(type, a.nullable || b.nullable, outName, first.foldable && a.foldable && b.foldable, (row) => {
        const t = test(row)
        const pickFirst = isIf ? t === true : t !== null && t !== undefined
        return pickFirst ? ae(row) : be(row)
      })
    }
    case 'nullif': {
      if (argExprs.length !== 2) throw wrongNumArgs(name, '2', argExprs.length)
      const [a, b] = argExprs.map((x) => c.compile(x)) as [CompiledNode, CompiledNode]
      const type = comparisonType(c, a.dataType, b.dataType) ?? a.dataType
      const ae = a.eval
      const ac = c.castTo(a, type).eval
      const bc = c.castTo(b, type).eval
      return makeNode(a.dataType, true, outName, a.foldable && b.foldable, (row) => {
        const x = ac(row)
        const y = bc(row)
        if (x !== null && x !== undefined && y !== null && y !== undefined && compareValues(x, y) === 0) return null
        return ae(row)
      })
    }
    case 'array': {
      const nodes = argExprs.map((x) => c.compile(x))
      const elementType = nodes.length === 0 ? NullType : commonType(name, nodes, ansi, outName)
      const evals = nodes.map((n) => c.castTo(n, elementType).eval)
      return makeNode(ArrayType(elementType, nodes.some((n) => n.nullable)), false, outName, nodes.every((n) => n.foldable),
        (row) => evals.map((e) => e(row) ?? null))
    }
    case 'map': {
      if (argExprs.length % 2 !== 0) throw wrongNumArgs(name, '2n (n > 0)', argExprs.length)
      const nodes = argExprs.map((x) => c.compile(x))
      const keys = nodes.filter((_, i) => i % 2 === 0)
      const values = nodes.filter((_, i) => i % 2 === 1)
      const keyType = keys.length === 0 ? NullType : commonType(name, keys, ansi, outName)
      const valueType = values.length === 0 ? NullType : commonType(name, values, ansi, outName)
      const keyEvals = keys.map((k) => c.castTo(k, keyType).eval)
      const valueEvals = values.map((v) => c.castTo(v, valueType).eval)
      return makeNode(MapType(keyType, valueType, values.some((v) => v.nullable)), false, outName, nodes.every((n) => n.foldable), (row) => {
        const m = new Map<unknown, unknown>()
        for (let i = 0; i < keyEvals.length; i++) {
          const k = keyEvals[i]!(row)
          if (k === null || k === undefined) {
            throw new ExecutionError('NULL_MAP_KEY', 'Cannot use null as map key. SQLSTATE: 2200E')
          }
          for (const existing of m.keys()) {
            if (valuesEqual(existing, k)) {
              throw new ExecutionError('DUPLICATED_MAP_KEY',
                `Duplicate map key ${String(k)} was found, please check the input data. If you want to remove the duplicated keys, you can set "spark.sql.mapKeyDedupPolicy" to "LAST_WIN" so that the key inserted at last takes precedence. SQLSTATE: 23505`,
                { key: String(k), mapKeyDedupPolicy: '"spark.sql.mapKeyDedupPolicy"' })
            }
          }
          m.set(k, valueEvals[i]!(row) ?? null)
        }
        return m
      })
    }
    case 'struct': case 'named_struct': {
      const named = name === 'named_struct'
      if (named && argExprs.length % 2 !== 0) throw wrongNumArgs(name, '2n (n > 0)', argExprs.length)
      const fieldExprs = named ? argExprs.filter((_, i) => i % 2 === 1) : argExprs
      const names = named
        ? argExprs.filter((_, i) => i % 2 === 0).map((e) => {
            const v = constantValue(c.compile(e))
            if (typeof v !== 'string') {
              throw new AnalysisError('DATATYPE_MISMATCH.CREATE_NAMED_STRUCT_WITHOUT_FOLDABLE_STRING',
                `Cannot resolve "${outName}" due to data type mismatch: Only foldable \`STRING\` expressions are allowed to appear at odd position.`)
            }
            return v
          })
        : argExprs.map((e, i) => (e.kind === 'Alias' ? e.name : e.kind === 'Column' ? exprOutputName(e) : e.kind === 'Ref' || e.kind === 'LambdaVariable' ? e.name : `col${i + 1}`))
      const nodes = fieldExprs.map((x) => c.compile(x))
      const evals = nodes.map((n) => n.eval)
      const type = StructType(nodes.map((n, i) => StructField(names[i]!, n.dataType, n.nullable)))
      return makeNode(type, false, outName, nodes.every((n) => n.foldable), (row) => evals.map((e) => e(row) ?? null))
    }
  }
  return undefined
}
