import type { DataType } from '../types/data-type.js'
import {
  BinaryType, BooleanType, ByteType, DateType, DecimalType, DoubleType, FloatType, IntegerType, LongType, ShortType,
  StringType, TimestampType,
} from '../types/data-type.js'
import { AnalysisError, ExecutionError } from '../errors/sluice-error.js'
import type { ScalarFunctionDefinition } from './function-types.js'
import { coerceAll, defineScalar, strict } from './function-support.js'

/**
 * Spark's cast functions (`date(x)`, `double(x)`, `int(x)`, ...): CAST(x AS type),
 * done by the compiler's cast through `inputTypes`.
 */
function castFunction(name: string, target: DataType): ScalarFunctionDefinition {
  return defineScalar(name, 1, () => strict([target], target, (a) => a[0]))
}

export const castFunctions: ScalarFunctionDefinition[] = [
  castFunction('boolean', BooleanType), castFunction('tinyint', ByteType), castFunction('smallint', ShortType),
  castFunction('int', IntegerType), castFunction('bigint', LongType), castFunction('float', FloatType),
  castFunction('double', DoubleType), castFunction('decimal', DecimalType(10, 0)), castFunction('string', StringType),
  castFunction('binary', BinaryType), castFunction('date', DateType), castFunction('timestamp', TimestampType),
]

function conversionError(value: string, format: string): ExecutionError {
  return new ExecutionError('CONVERSION_INVALID_INPUT',
    `The value '${value}' does not represent a correct '${format.toUpperCase()}' value. Please use \`try_to_binary\` to tolerate malformed input and return NULL instead.`,
    { str: `'${value}'`, fmt: `'${format.toUpperCase()}'`, targetType: '"BINARY"', suggestion: '`try_to_binary`' })
}

/** Spark's base64 validity check: letters, digits, + and /, spaces before padding only, at most two '='. */
function decodeBase64(text: string): Uint8Array | null {
  let position = 0
  let padding = 0
  let data = ''
  for (const c of text) {
    if (/[A-Za-z0-9+/]/.test(c)) {
      if (padding > 0) return null
      position++
      data += c
    } else if (c === '=') {
      padding++
      if (padding > 2) return null
    } else if (c === ' ' && padding === 0) {
      continue
    } else {
      return null
    }
  }
  if (padding > 0 ? (position + padding) % 4 !== 0 : position % 4 === 1) return null
  return new Uint8Array(Buffer.from(data, 'base64'))
}

const BINARY_FORMATS = new Set(['hex', 'utf-8', 'utf8', 'base64'])

function toBinaryFunction(name: string, tolerant: boolean): ScalarFunctionDefinition {
  return defineScalar(name, [1, 2], (args) => {
    const format = args.types.length === 2 ? args.constants[1] : 'hex'
    if (args.types.length === 2 && format !== null && (typeof format !== 'string' || !BINARY_FORMATS.has(format.toLowerCase()))) {
      throw new AnalysisError('DATATYPE_MISMATCH.INVALID_ARG_VALUE',
        `Cannot resolve "${name}(...)" due to data type mismatch: the format must be one of 'hex', 'utf-8', 'utf8' or 'base64' (a constant), but got ${String(format)}.`,
        { inputName: 'fmt', requireType: 'case-insensitive "STRING"', validValues: "'hex', 'utf-8', 'utf8', or 'base64'", inputValue: String(format) })
    }
    return strict(coerceAll(name, args, [StringType, StringType]), BinaryType, (a) => {
      const text = a[0] as string
      const fmt = (a.length > 1 ? (a[1] as string) : 'hex').toLowerCase()
      let bytes: Uint8Array | null
      if (fmt === 'hex') bytes = /^[0-9a-fA-F]*$/.test(text) ? new Uint8Array(Buffer.from(text.length % 2 === 1 ? `0${text}` : text, 'hex')) : null
      else if (fmt === 'base64') bytes = decodeBase64(text)
      else bytes = new Uint8Array(Buffer.from(text, 'utf8'))
      if (bytes === null && !tolerant) throw conversionError(text, fmt)
      return bytes
    })
  })
}

/** `to_binary(str[, fmt])`: hex (default), utf-8 or base64 text to bytes; malformed input raises CONVERSION_INVALID_INPUT. */
export const toBinaryFunctionDefinition = toBinaryFunction('to_binary', false)
/** `try_to_binary(str[, fmt])`: `to_binary` with null for malformed input. */
export const tryToBinaryFunction = toBinaryFunction('try_to_binary', true)


const strictDecoder = new TextDecoder('utf-8', { fatal: true })

/** Decodes UTF-8 bytes; undefined when invalid. */
function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return strictDecoder.decode(bytes)
  } catch {
    return undefined
  }
}

/**
 * A UTF-8 function over STRING or BINARY input. Binary input that is not valid UTF-8
 * behaves as Spark's implicit cast to STRING: CAST_INVALID_INPUT in ANSI mode, null
 * otherwise; `onText` then sees the text and whether it was valid.
 */
function utf8Function(name: string, resultType: DataType, onText: (text: string, valid: boolean) => unknown): ScalarFunctionDefinition {
  return defineScalar(name, 1, (args) => {
    if (args.types[0]!.kind === 'binary') {
      return strict([BinaryType], resultType, (a) => {
        const text = decodeUtf8(a[0] as Uint8Array)
        if (text === undefined) {
          if (args.context.ansi) {
            throw new ExecutionError('CAST_INVALID_INPUT', `The value X'${Buffer.from(a[0] as Uint8Array).toString('hex').toUpperCase()}' of the type "BINARY" cannot be cast to "STRING" because it is malformed. Correct the value as per the syntax, or change its target type. Use \`try_cast\` to tolerate malformed input and return NULL instead.`,
              { expression: 'binary', sourceType: '"BINARY"', targetType: '"STRING"' })
          }
          return null
        }
        return onText(text, true)
      })
    }
    return strict(coerceAll(name, args, [StringType]), resultType, (a) => onText(a[0] as string, !LONE_SURROGATE.test(a[0] as string)))
  })
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** `is_valid_utf8(x)`: whether the text is valid UTF-8 (a JS string only fails with lone surrogates). */
export const isValidUtf8Function = utf8Function('is_valid_utf8', BooleanType, (_, valid) => valid)
/** `make_valid_utf8(x)`: invalid sequences replaced by U+FFFD. */
export const makeValidUtf8Function = utf8Function('make_valid_utf8', StringType, (text) => text.replace(new RegExp(LONE_SURROGATE.source, 'g'), '\uFFFD'))
/** `validate_utf8(x)`: the text, or INVALID_UTF8_STRING. */
export const validateUtf8Function = utf8Function('validate_utf8', StringType, (text, valid) => {
  if (!valid) throw new ExecutionError('INVALID_UTF8_STRING', 'Invalid UTF8 byte sequence found in string.', {})
  return text
})
/** `try_validate_utf8(x)`: the text, or null when invalid. */
export const tryValidateUtf8Function = utf8Function('try_validate_utf8', StringType, (text, valid) => (valid ? text : null))

export const conversionFunctions: ScalarFunctionDefinition[] = [
  ...castFunctions, toBinaryFunctionDefinition, tryToBinaryFunction,
  isValidUtf8Function, makeValidUtf8Function, validateUtf8Function, tryValidateUtf8Function,
]
