import { AnalysisError, ExecutionError } from '../errors/sluice-error.js'
import { ArrayType, BooleanType, IntegerType, MapType, type DataType } from '../types/data-type.js'
import { ordinal, typeSql } from './function-support.js'
import { valueKey } from './value-ordering.js'
import type {
  BoundLambda, HigherOrderArgs, HigherOrderFunctionDefinition, HigherOrderResult, HigherOrderValue, LambdaParam,
} from './higher-order-types.js'

/*
 * Spark's higher-order functions (catalyst expressions/higherOrderFunctions.scala):
 * the variables each binds, result types, nullability and null semantics. The
 * compiler (eval/compile-higher-order.ts) compiles the arguments and lambdas.
 */

type ArrayShape = Extract<DataType, { kind: 'array' }>
type MapShape = Extract<DataType, { kind: 'map' }>

function typeMismatch(args: HigherOrderArgs, subclass: string, detail: string, params: Record<string, string>): AnalysisError {
  return new AnalysisError(`DATATYPE_MISMATCH.${subclass}`,
    `Cannot resolve "${args.outName}" due to data type mismatch: ${detail} SQLSTATE: 42K09`, { sqlExpr: `"${args.outName}"`, ...params })
}

/** DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE: argument `index` is not of the required type (ExpectsInputTypes). */
function unexpectedInput(args: HigherOrderArgs, index: number, required: string, sql: string, actual: DataType): AnalysisError {
  return typeMismatch(args, 'UNEXPECTED_INPUT_TYPE',
    `The ${ordinal(index)} parameter requires the ${required} type, however "${sql}" has the type "${typeSql(actual)}".`,
    { paramIndex: ordinal(index), requiredType: required, inputSql: `"${sql}"`, inputType: `"${typeSql(actual)}"` })
}

function arrayValue(args: HigherOrderArgs, index: number): [HigherOrderValue, ArrayShape] {
  const v = args.value(index)
  if (v.dataType.kind !== 'array') throw unexpectedInput(args, index, '"ARRAY"', v.sql, v.dataType)
  return [v, v.dataType]
}

function mapValue(args: HigherOrderArgs, index: number): [HigherOrderValue, MapShape] {
  const v = args.value(index)
  if (v.dataType.kind !== 'map') throw unexpectedInput(args, index, '"MAP"', v.sql, v.dataType)
  return [v, v.dataType]
}

function requireBoolean(args: HigherOrderArgs, index: number, f: BoundLambda): void {
  if (f.dataType.kind !== 'boolean') throw unexpectedInput(args, index, '"BOOLEAN"', f.sql, f.dataType)
}

const param = (dataType: DataType, nullable: boolean): LambdaParam => ({ dataType, nullable })

/** Element (and with a two-parameter lambda, index) variables of `transform` and `filter`. */
function elementParams(args: HigherOrderArgs, arrayType: ArrayShape): LambdaParam[] {
  const element = param(arrayType.elementType, arrayType.containsNull)
  return args.declaredParams(1) === 2 ? [element, param(IntegerType, false)] : [element]
}

const withIndex = (index: number, declared: number | undefined): number | undefined =>
  index === 1 ? (declared === 2 ? 2 : 1) : undefined

/** A definition whose first argument is evaluated first: null in, null out (SimpleHigherOrderFunction). */
function nullSafe(input: HigherOrderValue, dataType: DataType, nullable: boolean, body: (value: unknown, row: unknown[]) => unknown): HigherOrderResult {
  const evalInput = input.eval.bind(input)
  return {
    dataType,
    nullable,
    eval: (row) => {
      const value = evalInput(row)
      return value === null || value === undefined ? null : body(value, row)
    },
  }
}

/** `transform(arr, x -> ...)`, `transform(arr, (x, i) -> ...)`. */
export const transformFunction: HigherOrderFunctionDefinition = {
  name: 'transform', minArgs: 2, maxArgs: 2, functionParams: withIndex,
  compile(args) {
    const [input, arrayType] = arrayValue(args, 0)
    const f = args.bind(1, elementParams(args, arrayType))
    return nullSafe(input, ArrayType(f.dataType, f.nullable), input.nullable, (value, row) =>
      (value as unknown[]).map((x, i) => f.call(row, x ?? null, i) ?? null))
  },
}

/** `filter(arr, x -> predicate)`, `filter(arr, (x, i) -> predicate)`: keeps elements where it is true. */
export const filterFunction: HigherOrderFunctionDefinition = {
  name: 'filter', minArgs: 2, maxArgs: 2, functionParams: withIndex,
  compile(args) {
    const [input, arrayType] = arrayValue(args, 0)
    const f = args.bind(1, elementParams(args, arrayType))
    requireBoolean(args, 1, f)
    return nullSafe(input, arrayType, input.nullable, (value, row) =>
      (value as unknown[]).filter((x, i) => f.call(row, x ?? null, i) === true))
  },
}

/**
 * `exists(arr, x -> predicate)`: true when it holds for some element; else null when
 * it was null for some element (spark.sql.legacy.followThreeValuedLogicInArrayExists,
 * default true), else false.
 */
export const existsFunction: HigherOrderFunctionDefinition = {
  name: 'exists', minArgs: 2, maxArgs: 2, functionParams: (i) => (i === 1 ? 1 : undefined),
  compile(args) {
    const [input, arrayType] = arrayValue(args, 0)
    const f = args.bind(1, [param(arrayType.elementType, arrayType.containsNull)])
    requireBoolean(args, 1, f)
    const threeValued = args.context.arrayExistsFollowsThreeValuedLogic ?? true
    return nullSafe(input, BooleanType, input.nullable || (threeValued && f.nullable), (value, row) => {
      let foundNull = false
      for (const x of value as unknown[]) {
        const result = f.call(row, x ?? null)
        if (result === true) return true
        if (result === null || result === undefined) foundNull = true
      }
      return threeValued && foundNull ? null : false
    })
  },
}

/** `forall(arr, x -> predicate)`: false when it fails for some element; else null when it was null for some; else true. */
export const forallFunction: HigherOrderFunctionDefinition = {
  name: 'forall', minArgs: 2, maxArgs: 2, functionParams: (i) => (i === 1 ? 1 : undefined),
  compile(args) {
    const [input, arrayType] = arrayValue(args, 0)
    const f = args.bind(1, [param(arrayType.elementType, arrayType.containsNull)])
    requireBoolean(args, 1, f)
    return nullSafe(input, BooleanType, input.nullable || f.nullable, (value, row) => {
      let foundNull = false
      for (const x of value as unknown[]) {
        const result = f.call(row, x ?? null)
        if (result === false) return false
        if (result === null || result === undefined) foundNull = true
      }
      return foundNull ? null : true
    })
  },
}

/** Spark's DataType.equalsStructurally(a, b, ignoreNullability = true): field names do not matter. */
function sameStructure(a: DataType, b: DataType): boolean {
  if (a.kind === 'array' && b.kind === 'array') return sameStructure(a.elementType, b.elementType)
  if (a.kind === 'map' && b.kind === 'map') return sameStructure(a.keyType, b.keyType) && sameStructure(a.valueType, b.valueType)
  if (a.kind === 'struct' && b.kind === 'struct') {
    return a.fields.length === b.fields.length && a.fields.every((f, i) => sameStructure(f.dataType, b.fields[i]!.dataType))
  }
  if (a.kind === 'struct' || a.kind === 'array' || a.kind === 'map') return false
  return JSON.stringify(a) === JSON.stringify(b)
}

/**
 * `aggregate(arr, zero, (acc, x) -> merge[, acc -> finish])` (alias `reduce`): folds the
 * elements into the state; the merge result must have the zero's type. The
 * accumulator variable is always nullable; without a finish the state is the result.
 */
function aggregateDefinition(name: string): HigherOrderFunctionDefinition {
  return {
    name, minArgs: 3, maxArgs: 4,
    functionParams: (i) => (i === 2 ? 2 : i === 3 ? 1 : undefined),
    compile(args) {
      const [input, arrayType] = arrayValue(args, 0)
      const zero = args.value(1)
      const acc = param(zero.dataType, true)
      const merge = args.bind(2, [acc, param(arrayType.elementType, arrayType.containsNull)])
      if (!sameStructure(zero.dataType, merge.dataType)) {
        throw unexpectedInput(args, 2, `"${typeSql(zero.dataType)}"`, merge.sql, merge.dataType)
      }
      const finish = args.count === 4 ? args.bind(3, [acc]) : undefined
      const evalInput = input.eval.bind(input)
      const evalZero = zero.eval.bind(zero)
      return {
        dataType: finish?.dataType ?? zero.dataType,
        nullable: input.nullable || (finish?.nullable ?? true),
        eval: (row) => {
          const array = evalInput(row) as unknown[] | null | undefined
          if (array === null || array === undefined) return null
          let state = evalZero(row) ?? null
          for (const x of array) state = merge.call(row, state, x ?? null) ?? null
          return finish === undefined ? state : finish.call(row, state) ?? null
        },
      }
    },
  }
}

export const aggregateFunction = aggregateDefinition('aggregate')
export const reduceFunction = aggregateDefinition('reduce')

/** `zip_with(left, right, (x, y) -> ...)`: element-wise; the shorter array is padded with nulls. */
export const zipWithFunction: HigherOrderFunctionDefinition = {
  name: 'zip_with', minArgs: 3, maxArgs: 3, functionParams: (i) => (i === 2 ? 2 : undefined),
  compile(args) {
    const [left, leftType] = arrayValue(args, 0)
    const [right, rightType] = arrayValue(args, 1)
    const f = args.bind(2, [param(leftType.elementType, true), param(rightType.elementType, true)])
    const evalLeft = left.eval.bind(left)
    const evalRight = right.eval.bind(right)
    return {
      dataType: ArrayType(f.dataType, f.nullable),
      nullable: left.nullable || right.nullable,
      eval: (row) => {
        const a = evalLeft(row) as unknown[] | null | undefined
        if (a === null || a === undefined) return null
        const b = evalRight(row) as unknown[] | null | undefined
        if (b === null || b === undefined) return null
        const out = new Array<unknown>(Math.max(a.length, b.length))
        for (let i = 0; i < out.length; i++) out[i] = f.call(row, a[i] ?? null, b[i] ?? null) ?? null
        return out
      },
    }
  },
}

const keyValueParams = (mapType: MapShape): LambdaParam[] =>
  [param(mapType.keyType, false), param(mapType.valueType, mapType.valueContainsNull)]

/** `map_filter(m, (k, v) -> predicate)`: keeps the entries where it is true. */
export const mapFilterFunction: HigherOrderFunctionDefinition = {
  name: 'map_filter', minArgs: 2, maxArgs: 2, functionParams: (i) => (i === 1 ? 2 : undefined),
  compile(args) {
    const [input, mapType] = mapValue(args, 0)
    const f = args.bind(1, keyValueParams(mapType))
    requireBoolean(args, 1, f)
    return nullSafe(input, mapType, input.nullable, (value, row) => {
      const out = new Map<unknown, unknown>()
      for (const [k, v] of value as Map<unknown, unknown>) if (f.call(row, k, v ?? null) === true) out.set(k, v)
      return out
    })
  },
}

/** `transform_values(m, (k, v) -> value)`: the keys unchanged. */
export const transformValuesFunction: HigherOrderFunctionDefinition = {
  name: 'transform_values', minArgs: 2, maxArgs: 2, functionParams: (i) => (i === 1 ? 2 : undefined),
  compile(args) {
    const [input, mapType] = mapValue(args, 0)
    const f = args.bind(1, keyValueParams(mapType))
    return nullSafe(input, MapType(mapType.keyType, f.dataType, f.nullable), input.nullable, (value, row) => {
      const out = new Map<unknown, unknown>()
      for (const [k, v] of value as Map<unknown, unknown>) out.set(k, f.call(row, k, v ?? null) ?? null)
      return out
    })
  },
}

function nullMapKey(): ExecutionError {
  return new ExecutionError('NULL_MAP_KEY', 'Cannot use null as map key. SQLSTATE: 2200E')
}

function duplicateMapKey(key: unknown): ExecutionError {
  return new ExecutionError('DUPLICATED_MAP_KEY',
    `Duplicate map key ${String(key)} was found, please check the input data. If you want to remove the duplicated keys, you can set "spark.sql.mapKeyDedupPolicy" to "LAST_WIN" so that the key inserted at last takes precedence. SQLSTATE: 23505`,
    { key: String(key), mapKeyDedupPolicy: '"spark.sql.mapKeyDedupPolicy"' })
}

/** `transform_keys(m, (k, v) -> key)`: the values unchanged; a null or repeated new key fails, as Spark's map builder. */
export const transformKeysFunction: HigherOrderFunctionDefinition = {
  name: 'transform_keys', minArgs: 2, maxArgs: 2, functionParams: (i) => (i === 1 ? 2 : undefined),
  compile(args) {
    const [input, mapType] = mapValue(args, 0)
    const f = args.bind(1, keyValueParams(mapType))
    if (f.dataType.kind === 'map') {
      throw typeMismatch(args, 'INVALID_MAP_KEY_TYPE', `The key of map cannot be/contain "${typeSql(f.dataType)}".`,
        { keyType: `"${typeSql(f.dataType)}"` })
    }
    return nullSafe(input, MapType(f.dataType, mapType.valueType, mapType.valueContainsNull), input.nullable, (value, row) => {
      const out = new Map<unknown, unknown>()
      const seen = new Set<string>()
      for (const [k, v] of value as Map<unknown, unknown>) {
        const key = f.call(row, k, v ?? null)
        if (key === null || key === undefined) throw nullMapKey()
        const identity = valueKey(key)
        if (seen.has(identity)) throw duplicateMapKey(key)
        seen.add(identity)
        out.set(key, v)
      }
      return out
    })
  },
}

/**
 * `map_zip_with(m1, m2, (k, v1, v2) -> value)`: over the keys of m1 then the new keys
 * of m2, with null for a key missing from one map; both maps need the same key type.
 */
export const mapZipWithFunction: HigherOrderFunctionDefinition = {
  name: 'map_zip_with', minArgs: 3, maxArgs: 3, functionParams: (i) => (i === 2 ? 3 : undefined),
  compile(args) {
    const [left, leftType] = mapValue(args, 0)
    const [right, rightType] = mapValue(args, 1)
    if (JSON.stringify(leftType.keyType) !== JSON.stringify(rightType.keyType)) {
      throw typeMismatch(args, 'MAP_ZIP_WITH_DIFF_TYPES',
        `Input to the \`map_zip_with\` should have been two maps with compatible key types, but it's ["${typeSql(leftType.keyType)}", "${typeSql(rightType.keyType)}"].`,
        { functionName: '`map_zip_with`', leftType: `"${typeSql(leftType.keyType)}"`, rightType: `"${typeSql(rightType.keyType)}"` })
    }
    const f = args.bind(2, [param(leftType.keyType, false), param(leftType.valueType, true), param(rightType.valueType, true)])
    const evalLeft = left.eval.bind(left)
    const evalRight = right.eval.bind(right)
    return {
      dataType: MapType(leftType.keyType, f.dataType, f.nullable),
      nullable: left.nullable || right.nullable,
      eval: (row) => {
        const a = evalLeft(row) as Map<unknown, unknown> | null | undefined
        if (a === null || a === undefined) return null
        const b = evalRight(row) as Map<unknown, unknown> | null | undefined
        if (b === null || b === undefined) return null
        // The first entry of a repeated key counts, as Spark's getKeysWithValueIndexes.
        const entries = new Map<string, { key: unknown; left: unknown; right: unknown; inRight: boolean }>()
        for (const [k, v] of a) if (!entries.has(valueKey(k))) entries.set(valueKey(k), { key: k, left: v ?? null, right: null, inRight: false })
        for (const [k, v] of b) {
          const entry = entries.get(valueKey(k))
          if (entry === undefined) entries.set(valueKey(k), { key: k, left: null, right: v ?? null, inRight: true })
          else if (!entry.inRight) { entry.right = v ?? null; entry.inRight = true }
        }
        const out = new Map<unknown, unknown>()
        for (const e of entries.values()) out.set(e.key, f.call(row, e.key, e.left, e.right) ?? null)
        return out
      },
    }
  },
}

function comparatorReturnsNull(first: unknown): ExecutionError {
  // Spark passes the first element for both values (ArraySort.comparator).
  return new ExecutionError('COMPARATOR_RETURNS_NULL',
    `The comparator has returned a NULL for a comparison between ${String(first)} and ${String(first)}. It should return a positive integer for "greater than", 0 for "equal" and a negative integer for "less than". To revert to deprecated behavior where NULL is treated as 0 (equal), you must set "spark.sql.legacy.allowNullComparisonResultInArraySort" to "true". SQLSTATE: 22004`,
    { firstValue: String(first), secondValue: String(first) })
}

/** `array_sort(arr, (left, right) -> int)`: a stable sort by the comparator; null from it fails unless the legacy conf allows it (as 0). */
export const arraySortWithComparatorFunction: HigherOrderFunctionDefinition = {
  name: 'array_sort', minArgs: 2, maxArgs: 2, functionParams: (i) => (i === 1 ? 2 : undefined),
  compile(args) {
    const [input, arrayType] = arrayValue(args, 0)
    const element = param(arrayType.elementType, arrayType.containsNull)
    const f = args.bind(1, [element, element])
    if (f.dataType.kind !== 'integer') {
      throw typeMismatch(args, 'UNEXPECTED_RETURN_TYPE',
        `The \`lambdafunction\` requires return "INT" type, but the actual is "${typeSql(f.dataType)}" type.`,
        { functionName: '`lambdafunction`', expectedType: '"INT"', actualType: `"${typeSql(f.dataType)}"` })
    }
    const allowNull = args.context.allowNullComparisonResultInArraySort ?? false
    const sortable = arrayType.elementType.kind !== 'null'
    return nullSafe(input, arrayType, input.nullable, (value, row) => {
      const out = [...(value as unknown[])]
      if (!sortable) return out
      return out.sort((a, b) => {
        const cmp = f.call(row, a ?? null, b ?? null)
        if (cmp === null || cmp === undefined) {
          if (!allowNull) throw comparatorReturnsNull(a)
          return 0
        }
        return cmp as number
      })
    })
  },
}

/** Every higher-order function, by Spark name. `array_sort` is one only with a comparator (two arguments). */
export const higherOrderFunctions: readonly HigherOrderFunctionDefinition[] = [
  transformFunction, filterFunction, existsFunction, forallFunction, aggregateFunction, reduceFunction, zipWithFunction,
  mapFilterFunction, transformValuesFunction, transformKeysFunction, mapZipWithFunction, arraySortWithComparatorFunction,
]

const byName = new Map(higherOrderFunctions.map((d) => [d.name, d]))

/** The higher-order function a call of `name` with `argCount` arguments is, if any. */
export function lookupHigherOrderFunction(name: string, argCount: number): HigherOrderFunctionDefinition | undefined {
  const lower = name.toLowerCase()
  if (lower === 'array_sort' && argCount < 2) return undefined
  return byName.get(lower)
}
