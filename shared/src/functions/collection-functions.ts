import type { ArrayType as ArrayTypeShape, DataType } from '../types/data-type.js'
import {
  ArrayType, BooleanType, IntegerType, LongType, MapType, NullType, StringType, StructField, StructType,
} from '../types/data-type.js'
import { AnalysisError, ExecutionError } from '../errors/sluice-error.js'
import type { FunctionArgs, ScalarFunctionDefinition } from './function-types.js'
import {
  aliasScalar, coerceTo, defineScalar, lenient, strict, typeSql, unexpectedInputType,
} from './function-support.js'
import { commonType } from './math-functions.js'
import { compareValues, isOrderable, valueKey, valuesEqual } from './value-ordering.js'
import { isIntegralKind } from './numeric-types.js'

const I = IntegerType

function arrayArg(name: string, args: FunctionArgs, index = 0): ArrayTypeShape {
  const t = args.types[index]!
  if (t.kind === 'null') return ArrayType(NullType)
  if (t.kind !== 'array') throw unexpectedInputType(name, index, '"ARRAY"', t)
  return t
}

function invalidIndexOfZero(name: string): ExecutionError {
  return new ExecutionError('INVALID_INDEX_OF_ZERO', `The index 0 is invalid. An index shall be either < 0 or > 0 (the first element has index 1). (in ${name})`, { functionName: name })
}

/** `array(a, b, ...)`: the arguments as an array of their common type. */
export const arrayFunction = defineScalar('array', [0, Infinity], (args) => {
  const t = args.types.length === 0 ? NullType : commonType('array', args.types)
  return lenient(args.types.map(() => t), ArrayType(t, true), (a) => [...a], false)
})

/** `array_contains(arr, value)`: true when found; null when not found but the array holds a null, or when value is null. */
export const arrayContainsFunction = defineScalar('array_contains', 2, (args) => {
  const arrayType = arrayArg('array_contains', args)
  const element = commonType('array_contains', [arrayType.elementType, args.types[1]!])
  return strict([ArrayType(element, arrayType.containsNull), element], BooleanType, (a) => {
    let sawNull = false
    for (const v of a[0] as unknown[]) {
      if (v === null) sawNull = true
      else if (valuesEqual(v, a[1])) return true
    }
    return sawNull ? null : false
  })
})

/** `size(x)`/`cardinality`: elements of an array or entries of a map; for null, -1 in legacy (non-ANSI) mode, null in ANSI mode. */
export const sizeFunction = defineScalar('size', 1, (args) => {
  const t = args.types[0]!
  if (t.kind !== 'array' && t.kind !== 'map' && t.kind !== 'null') throw unexpectedInputType('size', 0, '("ARRAY" or "MAP")', t)
  const ansi = args.context.ansi
  return lenient(undefined, I, (a) => {
    const v = a[0]
    if (v === null) return ansi ? null : -1
    return v instanceof Map ? v.size : (v as unknown[]).length
  }, ansi)
})

export const arraySizeFunction = defineScalar('array_size', 1, (args) => {
  arrayArg('array_size', args)
  return strict(undefined, I, (a) => (a[0] as unknown[]).length)
})

/**
 * `element_at(array, index)`: 1-based (negative from the end); 0 raises
 * INVALID_INDEX_OF_ZERO; out of range raises INVALID_ARRAY_INDEX_IN_ELEMENT_AT in ANSI
 * mode, else null. `element_at(map, key)`: the value or null.
 */
export const elementAtFunction = defineScalar('element_at', 2, (args) => {
  const t = args.types[0]!
  if (t.kind === 'map') {
    return strict([t, coerceTo('element_at', 1, args.types[1]!, t.keyType, args.context.ansi)], t.valueType, (a) => mapGet(a[0] as Map<unknown, unknown>, a[1]))
  }
  const arrayType = arrayArg('element_at', args)
  const ansi = args.context.ansi
  return strict([arrayType, coerceTo('element_at', 1, args.types[1]!, I, ansi)], arrayType.elementType, (a) => {
    const array = a[0] as unknown[]
    const index = a[1] as number
    if (index === 0) throw invalidIndexOfZero('element_at')
    const position = index > 0 ? index - 1 : array.length + index
    if (position < 0 || position >= array.length) {
      if (ansi) {
        throw new ExecutionError('INVALID_ARRAY_INDEX_IN_ELEMENT_AT',
          `The index ${index} is out of bounds. The array has ${array.length} elements. Use \`try_element_at\` to tolerate accessing element at invalid index and return NULL instead.`,
          { indexValue: String(index), arraySize: String(array.length) })
      }
      return null
    }
    return array[position]
  })
})

/** `try_element_at`: `element_at` with null instead of out-of-range errors (index 0 still fails). */
export const tryElementAtFunction = defineScalar('try_element_at', 2, (args) =>
  elementAtFunction.resolve({ ...args, context: { ...args.context, ansi: false } }))

/** `get(array, index)`: 0-based; null out of range. */
export const getFunction = defineScalar('get', 2, (args) => {
  const arrayType = arrayArg('get', args)
  return strict([arrayType, coerceTo('get', 1, args.types[1]!, I, args.context.ansi)], arrayType.elementType, (a) => {
    const array = a[0] as unknown[]
    const index = a[1] as number
    return index >= 0 && index < array.length ? array[index] : null
  })
})

function mapGet(map: Map<unknown, unknown>, key: unknown): unknown {
  if (map.has(key)) return map.get(key)
  if (typeof key === 'object' && key !== null || typeof key === 'number') {
    for (const [k, v] of map) if (valuesEqual(k, key)) return v
  }
  return null
}

/** Ascending order with nulls first (`nullsFirst`) or last. */
const sortValues = (values: readonly unknown[], ascending: boolean, nullsFirst: boolean): unknown[] =>
  [...values].sort((x, y) => {
    if (x === null || y === null) return x === y ? 0 : (x === null) === nullsFirst ? -1 : 1
    return ascending ? compareValues(x, y) : compareValues(y, x)
  })

/** `sort_array(arr[, asc])`: sorted, nulls first when ascending and last when descending. */
export const sortArrayFunction = defineScalar('sort_array', [1, 2], (args) => {
  const arrayType = arrayArg('sort_array', args)
  if (!isOrderable(arrayType.elementType)) throw unexpectedInputType('sort_array', 0, '"ARRAY" of orderable elements', arrayType)
  if (args.types.length === 2 && args.types[1]!.kind !== 'boolean') throw unexpectedInputType('sort_array', 1, '"BOOLEAN"', args.types[1]!)
  return strict(undefined, arrayType, (a) => {
    const ascending = a.length < 2 || a[1] === true
    return sortValues(a[0] as unknown[], ascending, ascending)
  })
})

/** `array_sort(arr)`: ascending with nulls last. */
export const arraySortFunction = defineScalar('array_sort', 1, (args) => {
  const arrayType = arrayArg('array_sort', args)
  return strict(undefined, arrayType, (a) => sortValues(a[0] as unknown[], true, false))
})

function distinctValues(values: readonly unknown[]): unknown[] {
  const seen = new Set<string>()
  const out: unknown[] = []
  for (const v of values) {
    const key = valueKey(v)
    if (!seen.has(key)) { seen.add(key); out.push(v) }
  }
  return out
}

/** `array_distinct(arr)`: first occurrences, NaN once and -0.0 equal to 0.0. */
export const arrayDistinctFunction = defineScalar('array_distinct', 1, (args) => {
  const arrayType = arrayArg('array_distinct', args)
  return strict(undefined, arrayType, (a) => distinctValues(a[0] as unknown[]))
})

/** `array_join(arr, delimiter[, nullReplacement])`: skips nulls unless a replacement is given. */
export const arrayJoinFunction = defineScalar('array_join', [2, 3], (args) => {
  arrayArg('array_join', args)
  const inputTypes = [ArrayType(StringType), StringType, ...(args.types.length > 2 ? [StringType] : [])]
  return strict(inputTypes, StringType, (a) => {
    const parts: string[] = []
    for (const v of a[0] as unknown[]) {
      if (v !== null) parts.push(v as string)
      else if (a.length > 2) parts.push(a[2] as string)
    }
    return parts.join(a[1] as string)
  })
})

function arrayExtreme(name: string, sign: 1 | -1): ScalarFunctionDefinition {
  return defineScalar(name, 1, (args) => {
    const arrayType = arrayArg(name, args)
    return strict(undefined, arrayType.elementType, (a) => {
      let best: unknown = null
      for (const v of a[0] as unknown[]) if (v !== null && (best === null || compareValues(v, best) * sign > 0)) best = v
      return best
    })
  })
}

export const arrayMaxFunction = arrayExtreme('array_max', 1)
export const arrayMinFunction = arrayExtreme('array_min', -1)

/** `array_position(arr, value)`: 1-based position of the first equal element (BIGINT); 0 when absent. */
export const arrayPositionFunction = defineScalar('array_position', 2, (args) => {
  const arrayType = arrayArg('array_position', args)
  const element = commonType('array_position', [arrayType.elementType, args.types[1]!])
  return strict([ArrayType(element), element], LongType, (a) => {
    const index = (a[0] as unknown[]).findIndex((v) => v !== null && valuesEqual(v, a[1]))
    return BigInt(index + 1)
  })
})

/** `array_remove(arr, value)`: without the elements equal to value. */
export const arrayRemoveFunction = defineScalar('array_remove', 2, (args) => {
  const arrayType = arrayArg('array_remove', args)
  const element = commonType('array_remove', [arrayType.elementType, args.types[1]!])
  return strict([ArrayType(element, arrayType.containsNull), element], ArrayType(element, arrayType.containsNull),
    (a) => (a[0] as unknown[]).filter((v) => v === null || !valuesEqual(v, a[1])))
})

function setFunction(name: string, combine: (l: unknown[], r: unknown[]) => unknown[]): ScalarFunctionDefinition {
  return defineScalar(name, 2, (args) => {
    const l = arrayArg(name, args, 0)
    const r = arrayArg(name, args, 1)
    const element = commonType(name, [l.elementType, r.elementType])
    const t = ArrayType(element, l.containsNull || r.containsNull)
    return strict([t, t], t, (a) => combine(a[0] as unknown[], a[1] as unknown[]))
  })
}

export const arrayUnionFunction = setFunction('array_union', (l, r) => distinctValues([...l, ...r]))
export const arrayIntersectFunction = setFunction('array_intersect', (l, r) => {
  const right = new Set(r.map(valueKey))
  return distinctValues(l.filter((v) => right.has(valueKey(v))))
})
export const arrayExceptFunction = setFunction('array_except', (l, r) => {
  const right = new Set(r.map(valueKey))
  return distinctValues(l.filter((v) => !right.has(valueKey(v))))
})

/** `arrays_overlap(a, b)`: true when they share a non-null element; null when not but either has a null. */
export const arraysOverlapFunction = defineScalar('arrays_overlap', 2, (args) => {
  const l = arrayArg('arrays_overlap', args, 0)
  const r = arrayArg('arrays_overlap', args, 1)
  const element = commonType('arrays_overlap', [l.elementType, r.elementType])
  return strict([ArrayType(element), ArrayType(element)], BooleanType, (a) => {
    const left = a[0] as unknown[]
    const right = a[1] as unknown[]
    const keys = new Set(left.filter((v) => v !== null).map(valueKey))
    for (const v of right) if (v !== null && keys.has(valueKey(v))) return true
    return left.includes(null) || right.includes(null) ? (left.length > 0 && right.length > 0 ? null : false) : false
  })
})

function elementTypeFor(name: string, arrayType: ArrayTypeShape, elementType: DataType): DataType {
  if (arrayType.elementType.kind === 'null') return elementType
  if (elementType.kind === 'null') return arrayType.elementType
  const same = arrayType.elementType.kind === elementType.kind && arrayType.elementType.kind !== 'decimal'
  const widening = isIntegralKind(arrayType.elementType.kind) && isIntegralKind(elementType.kind)
  if (!same && !widening) {
    throw new AnalysisError('DATATYPE_MISMATCH.ARRAY_FUNCTION_DIFF_TYPES',
      `Cannot resolve "${name}(...)" due to data type mismatch: Input to \`${name}\` should have been "ARRAY" followed by a value with same element type, but it's [${typeSql(arrayType)}, "${typeSql(elementType)}"].`,
      { functionName: `\`${name}\``, leftType: typeSql(arrayType), rightType: typeSql(elementType) })
  }
  return commonType(name, [arrayType.elementType, elementType])
}

function appendFunction(name: string, prepend: boolean): ScalarFunctionDefinition {
  return defineScalar(name, 2, (args) => {
    const arrayType = arrayArg(name, args)
    const element = elementTypeFor(name, arrayType, args.types[1]!)
    const t = ArrayType(element, true)
    return lenient([t, element], t, (a) => {
      if (a[0] === null) return null
      return prepend ? [a[1], ...(a[0] as unknown[])] : [...(a[0] as unknown[]), a[1]]
    })
  })
}

export const arrayAppendFunction = appendFunction('array_append', false)
export const arrayPrependFunction = appendFunction('array_prepend', true)

export const arrayCompactFunction = defineScalar('array_compact', 1, (args) => {
  const arrayType = arrayArg('array_compact', args)
  return strict(undefined, ArrayType(arrayType.elementType, false), (a) => (a[0] as unknown[]).filter((v) => v !== null))
})

/**
 * `array_insert(arr, pos, value)`: inserts at the 1-based pos (negative: from the end,
 * -1 after the last element), padding with nulls beyond either end; pos 0 raises
 * INVALID_INDEX_OF_ZERO.
 */
export const arrayInsertFunction = defineScalar('array_insert', 3, (args) => {
  const arrayType = arrayArg('array_insert', args)
  const element = elementTypeFor('array_insert', arrayType, args.types[2]!)
  const t = ArrayType(element, true)
  return lenient([t, coerceTo('array_insert', 1, args.types[1]!, I, args.context.ansi), element], t, (a) => {
    if (a[0] === null || a[1] === null) return null
    const array = a[0] as unknown[]
    const pos = a[1] as number
    if (pos === 0) throw invalidIndexOfZero('array_insert')
    if (pos > 0) {
      const index = pos - 1
      if (index > array.length) return [...array, ...new Array<unknown>(index - array.length).fill(null), a[2]]
      return [...array.slice(0, index), a[2], ...array.slice(index)]
    }
    const index = array.length + pos + 1
    if (index < 0) return [a[2], ...new Array<unknown>(-index).fill(null), ...array]
    return [...array.slice(0, index), a[2], ...array.slice(index)]
  })
})

export const arrayRepeatFunction = defineScalar('array_repeat', 2, (args) =>
  lenient([args.types[0]!, coerceTo('array_repeat', 1, args.types[1]!, I, args.context.ansi)], ArrayType(args.types[0]!, true),
    (a) => (a[1] === null ? null : new Array<unknown>(Math.max(0, a[1] as number)).fill(a[0]))))

/** `arrays_zip(a, b, ...)`: an array of structs with fields '0', '1', ...; shorter arrays pad with null. */
export const arraysZipFunction = defineScalar('arrays_zip', [0, Infinity], (args) => {
  const types = args.types.map((_, i) => arrayArg('arrays_zip', args, i))
  const structType = StructType(types.map((t, i) => StructField(String(i), t.elementType, true)))
  return strict(undefined, ArrayType(structType, false), (a) => {
    const arrays = a as unknown[][]
    const length = Math.max(0, ...arrays.map((x) => x.length))
    return Array.from({ length }, (_, i) => arrays.map((x) => (i < x.length ? x[i] : null)))
  })
})

/** `flatten(arrayOfArrays)`: the concatenation; null when any inner array is null. */
export const flattenFunction = defineScalar('flatten', 1, (args) => {
  const outer = arrayArg('flatten', args)
  if (outer.elementType.kind !== 'array') throw unexpectedInputType('flatten', 0, '"ARRAY" of "ARRAY"', outer)
  return strict(undefined, outer.elementType, (a) => {
    const arrays = a[0] as (unknown[] | null)[]
    return arrays.includes(null) ? null : (arrays as unknown[][]).flat(1)
  })
})

/** `slice(arr, start, length)`: 1-based start (negative from the end); start 0 or a negative length fail. */
export const sliceFunction = defineScalar('slice', 3, (args) => {
  const arrayType = arrayArg('slice', args)
  return strict([arrayType, coerceTo('slice', 1, args.types[1]!, I, args.context.ansi), coerceTo('slice', 2, args.types[2]!, I, args.context.ansi)], arrayType, (a) => {
    const array = a[0] as unknown[]
    const start = a[1] as number
    const length = a[2] as number
    if (start === 0) throw invalidIndexOfZero('slice')
    if (length < 0) {
      throw new ExecutionError('INVALID_PARAMETER_VALUE.LENGTH', `The value of parameter(s) \`length\` in \`slice\` is invalid: Expects \`length\` greater than or equal to 0, but got ${length}.`, { functionName: '`slice`' })
    }
    const from = start > 0 ? start - 1 : array.length + start
    if (from < 0) return []
    return array.slice(from, from + length)
  })
})

/** `sequence(start, stop[, step])`: integers from start to stop inclusive (step defaults to ±1). */
export const sequenceFunction = defineScalar('sequence', [2, 3], (args) => {
  const t = commonType('sequence', args.types)
  if (!isIntegralKind(t.kind)) throw unexpectedInputType('sequence', 0, 'integral', t)
  return strict(args.types.map(() => t), ArrayType(t, false), (a) => {
    const big = (v: unknown): bigint => (typeof v === 'bigint' ? v : BigInt(v as number))
    const start = big(a[0])
    const stop = big(a[1])
    const step = a.length > 2 ? big(a[2]) : start <= stop ? 1n : -1n
    if (step === 0n || (step > 0n && start > stop) || (step < 0n && start < stop)) {
      if (start === stop) return [a[0]]
      throw new ExecutionError('INVALID_PARAMETER_VALUE.SEQUENCE_STEP', `Illegal sequence boundaries: ${start} to ${stop} by ${step}.`, { functionName: '`sequence`' })
    }
    const out: unknown[] = []
    for (let v = start; step > 0n ? v <= stop : v >= stop; v += step) out.push(t.kind === 'long' ? v : Number(v))
    return out
  })
})

function buildMap(keys: readonly unknown[], values: readonly unknown[]): Map<unknown, unknown> {
  const map = new Map<unknown, unknown>()
  const seen = new Set<string>()
  keys.forEach((k, i) => {
    if (k === null) throw new ExecutionError('NULL_MAP_KEY', 'Cannot use null as map key.')
    const key = valueKey(k)
    if (seen.has(key)) {
      throw new ExecutionError('DUPLICATED_MAP_KEY',
        `Duplicate map key ${String(k)} was found, please check the input data. If you want to remove the duplicated keys, you can set "spark.sql.mapKeyDedupPolicy" to "LAST_WIN" so that the key inserted at last takes precedence.`,
        { key: String(k), mapKeyDedupPolicy: '"spark.sql.mapKeyDedupPolicy"' })
    }
    seen.add(key)
    map.set(k, values[i])
  })
  return map
}

/** `map(k1, v1, k2, v2, ...)`: a map; null keys raise NULL_MAP_KEY, duplicates DUPLICATED_MAP_KEY (Spark 4's EXCEPTION policy). */
export const mapFunction = defineScalar('map', [0, Infinity], (args) => {
  if (args.types.length % 2 !== 0) {
    throw new AnalysisError('WRONG_NUM_ARGS.WITHOUT_SUGGESTION', `The \`map\` requires 2n (n > 0) parameters but the actual number is ${args.types.length}.`, { functionName: '`map`' })
  }
  const keyTypes = args.types.filter((_, i) => i % 2 === 0)
  const valueTypes = args.types.filter((_, i) => i % 2 === 1)
  const keyType = keyTypes.length === 0 ? NullType : commonType('map', keyTypes)
  const valueType = valueTypes.length === 0 ? NullType : commonType('map', valueTypes)
  return lenient(args.types.map((_, i) => (i % 2 === 0 ? keyType : valueType)), MapType(keyType, valueType, true),
    (a) => buildMap(a.filter((_, i) => i % 2 === 0), a.filter((_, i) => i % 2 === 1)), false)
})

export const mapFromArraysFunction = defineScalar('map_from_arrays', 2, (args) => {
  const keys = arrayArg('map_from_arrays', args, 0)
  const values = arrayArg('map_from_arrays', args, 1)
  return strict(undefined, MapType(keys.elementType, values.elementType, true), (a) => {
    const k = a[0] as unknown[]
    const v = a[1] as unknown[]
    if (k.length !== v.length) {
      throw new ExecutionError('INVALID_PARAMETER_VALUE', 'The key array and value array of map_from_arrays should have the same length.', { functionName: '`map_from_arrays`' })
    }
    return buildMap(k, v)
  })
})

function mapArg(name: string, args: FunctionArgs): Extract<DataType, { kind: 'map' }> {
  const t = args.types[0]!
  if (t.kind === 'null') return MapType(NullType, NullType)
  if (t.kind !== 'map') throw unexpectedInputType(name, 0, '"MAP"', t)
  return t
}

export const mapKeysFunction = defineScalar('map_keys', 1, (args) =>
  strict(undefined, ArrayType(mapArg('map_keys', args).keyType, false), (a) => [...(a[0] as Map<unknown, unknown>).keys()]))
export const mapValuesFunction = defineScalar('map_values', 1, (args) => {
  const t = mapArg('map_values', args)
  return strict(undefined, ArrayType(t.valueType, t.valueContainsNull), (a) => [...(a[0] as Map<unknown, unknown>).values()])
})
export const mapEntriesFunction = defineScalar('map_entries', 1, (args) => {
  const t = mapArg('map_entries', args)
  return strict(undefined, ArrayType(StructType([StructField('key', t.keyType, false), StructField('value', t.valueType, t.valueContainsNull)]), false),
    (a) => [...(a[0] as Map<unknown, unknown>).entries()].map(([k, v]) => [k, v]))
})
export const mapContainsKeyFunction = defineScalar('map_contains_key', 2, (args) => {
  const t = mapArg('map_contains_key', args)
  return strict([t, t.keyType.kind === 'null' ? args.types[1]! : t.keyType], BooleanType, (a) => {
    const map = a[0] as Map<unknown, unknown>
    if (map.has(a[1])) return true
    return [...map.keys()].some((k) => valuesEqual(k, a[1]))
  })
})

/**
 * `struct(a, b, ...)`: a struct with fields col1, col2, ... (Spark names the fields
 * after named columns; the compiler should rewrite `struct(x, y)` over named columns to
 * `named_struct('x', x, 'y', y)` to get those names).
 */
export const structFunction = defineScalar('struct', [0, Infinity], (args) =>
  lenient(undefined, StructType(args.types.map((t, i) => StructField(`col${i + 1}`, t, args.nullable[i] ?? true))), (a) => [...a], false))

/** `named_struct(name1, v1, ...)`: a struct with the given constant field names. */
export const namedStructFunction = defineScalar('named_struct', [0, Infinity], (args) => {
  if (args.types.length % 2 !== 0) {
    throw new AnalysisError('WRONG_NUM_ARGS.WITHOUT_SUGGESTION', `The \`named_struct\` requires 2n (n > 0) parameters but the actual number is ${args.types.length}.`, { functionName: '`named_struct`' })
  }
  const fields: ReturnType<typeof StructField>[] = []
  for (let i = 0; i < args.types.length; i += 2) {
    const name = args.constants[i]
    if (typeof name !== 'string') {
      throw new AnalysisError('DATATYPE_MISMATCH.CREATE_NAMED_STRUCT_WITHOUT_FOLDABLE_STRING',
        `Cannot resolve "named_struct(...)" due to data type mismatch: Only foldable \`STRING\` expressions are allowed to appear at odd position, got the argument at position ${i + 1}.`, { functionName: 'named_struct' })
    }
    fields.push(StructField(name, args.types[i + 1]!, args.nullable[i + 1] ?? true))
  }
  return lenient(undefined, StructType(fields), (a) => a.filter((_, i) => i % 2 === 1), false)
})

/**
 * The catalog's collection functions. `array`, `map`, `struct` and `named_struct`
 * are left to the expression compiler's built-ins (they need argument names and the
 * compiler's own coercion); the definitions above serve direct callers and tests.
 */
export const collectionFunctions: ScalarFunctionDefinition[] = [
  arrayContainsFunction, sizeFunction, aliasScalar('cardinality', sizeFunction), arraySizeFunction,
  elementAtFunction, tryElementAtFunction, getFunction, sortArrayFunction, arraySortFunction, arrayDistinctFunction,
  arrayJoinFunction, arrayMaxFunction, arrayMinFunction, arrayPositionFunction, arrayRemoveFunction, arrayUnionFunction,
  arrayIntersectFunction, arrayExceptFunction, arraysOverlapFunction, arrayAppendFunction, arrayPrependFunction,
  arrayCompactFunction, arrayInsertFunction, arrayRepeatFunction, arraysZipFunction, flattenFunction, sliceFunction,
  sequenceFunction, mapFromArraysFunction, mapKeysFunction, mapValuesFunction, mapEntriesFunction,
  mapContainsKeyFunction,
]

/** Definitions the compiler builds itself; exported for direct use. */
export const constructorFunctions: ScalarFunctionDefinition[] = [arrayFunction, mapFunction, structFunction, namedStructFunction]
