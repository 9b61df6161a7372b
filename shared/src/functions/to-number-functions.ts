import { DecimalType, StringType } from '../types/data-type.js'
import { AnalysisError, ExecutionError } from '../errors/sluice-error.js'
import type { ScalarFunctionDefinition } from './function-types.js'
import { coerceAll, defineScalar, strict } from './function-support.js'

/** A compiled `to_number` format: `[$][S]0,009.99[S|MI|PR]` style. */
interface NumberFormat {
  readonly text: string
  readonly currency: boolean
  readonly sign: 'leading' | 'trailing' | 'mi' | 'pr' | 'none'
  readonly integerDigits: number
  readonly integerExact: boolean
  readonly fractionDigits: number
  readonly hasPoint: boolean
  readonly grouping: boolean
}

function invalidFormat(format: string, detail: string): AnalysisError {
  return new AnalysisError('INVALID_FORMAT.WRONG_NUM_DIGIT', `The format is invalid: '${format}'. ${detail}`, { format: `'${format}'` })
}

/** Parses Spark's number format for `to_number` (0/9 digits, `.`/`D`, `,`/`G`, `$`, `S`, `MI`, `PR`). */
export function compileNumberFormat(format: string): NumberFormat {
  let rest = format.toUpperCase()
  let currency = false
  let sign: NumberFormat['sign'] = 'none'
  if (rest.startsWith('$')) { currency = true; rest = rest.slice(1) }
  if (rest.startsWith('S')) { sign = 'leading'; rest = rest.slice(1) }
  if (!currency && rest.startsWith('$')) { currency = true; rest = rest.slice(1) }
  if (rest.endsWith('PR')) { sign = 'pr'; rest = rest.slice(0, -2) }
  else if (rest.endsWith('MI')) { sign = 'mi'; rest = rest.slice(0, -2) }
  else if (rest.endsWith('S')) { sign = 'trailing'; rest = rest.slice(0, -1) }
  if (!currency && rest.endsWith('$')) { currency = true; rest = rest.slice(0, -1) }
  if (!/^[09,G]*(?:[.D][09]*)?$/.test(rest) || !/[09]/.test(rest)) throw invalidFormat(format, 'The format string needs at least one digit 0 or 9 and only 0, 9, comma, point, $, S, MI or PR.')
  const [integerPart = '', fractionPart] = rest.split(/[.D]/)
  const integerDigits = integerPart.replace(/[,G]/g, '').length
  return {
    text: format, currency, sign, integerDigits,
    integerExact: integerPart.replace(/[,G]/g, '').startsWith('0'),
    fractionDigits: fractionPart?.length ?? 0,
    hasPoint: fractionPart !== undefined,
    grouping: /[,G]/.test(integerPart),
  }
}

/** Parses `text` with a format to an unscaled decimal; null when it does not match. */
export function parseWithNumberFormat(text: string, f: NumberFormat): bigint | null {
  let s = text
  let negative = false
  if (f.sign === 'pr' && s.startsWith('<') && s.endsWith('>')) { negative = true; s = s.slice(1, -1) }
  if (f.sign === 'leading' && /^[+-]/.test(s)) { negative = s[0] === '-'; s = s.slice(1) }
  if (f.currency) { if (!s.startsWith('$')) return null; s = s.slice(1) }
  if (f.sign === 'leading' && /^[+-]/.test(s)) { negative = s[0] === '-'; s = s.slice(1) }
  if ((f.sign === 'trailing') && /[+-]$/.test(s)) { negative = s.endsWith('-'); s = s.slice(0, -1) }
  if (f.sign === 'mi' && s.endsWith('-')) { negative = true; s = s.slice(0, -1) }
  const m = /^(\d[\d,]*|)(?:\.(\d*))?$/.exec(s)
  if (m === null) return null
  const integerText = m[1]!
  if (integerText.includes(',') && !f.grouping) return null
  const integer = integerText.replace(/,/g, '')
  const fraction = m[2] ?? ''
  if (m[2] !== undefined && !f.hasPoint) return null
  if (integer.length > f.integerDigits || (f.integerExact && integer.length !== f.integerDigits)) return null
  if (fraction.length > f.fractionDigits) return null
  if (integer === '' && fraction === '') return null
  const unscaled = BigInt((integer || '0') + fraction.padEnd(f.fractionDigits, '0'))
  return negative ? -unscaled : unscaled
}

function toNumberFunction(name: string, tolerant: boolean): ScalarFunctionDefinition {
  return defineScalar(name, 2, (args) => {
    const formatText = args.constants[1]
    if (typeof formatText !== 'string') {
      throw new AnalysisError('DATATYPE_MISMATCH.NON_FOLDABLE_INPUT', `The format of ${name} must be a constant string.`, { inputName: '`format`' })
    }
    const format = compileNumberFormat(formatText)
    const resultType = DecimalType(Math.max(1, format.integerDigits + format.fractionDigits), format.fractionDigits)
    return strict(coerceAll(name, args, [StringType, StringType]), resultType, (a) => {
      const value = parseWithNumberFormat(a[0] as string, format)
      if (value === null && !tolerant) {
        throw new ExecutionError('INVALID_FORMAT.MISMATCH_INPUT', `The input '${a[0]}' does not match the format '${formatText}'.`, { inputString: String(a[0]), format: formatText })
      }
      return value
    })
  })
}

/** `to_number(str, format)`: text to DECIMAL(digits, fraction digits) by a number format; a mismatch raises INVALID_FORMAT.MISMATCH_INPUT. */
export const toNumberFunctionDefinition = toNumberFunction('to_number', false)
/** `try_to_number(str, format)`: `to_number` with null on mismatch. */
export const tryToNumberFunction = toNumberFunction('try_to_number', true)

export const toNumberFunctions: ScalarFunctionDefinition[] = [toNumberFunctionDefinition, tryToNumberFunction]

