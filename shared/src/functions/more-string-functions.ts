import { IntegerType, StringType } from '../types/data-type.js'
import { ExecutionError } from '../errors/sluice-error.js'
import { javaDoubleString } from '../eval/value-format.js'
import { decimalToString } from '../data/decimal.js'
import type { DataType } from '../types/data-type.js'
import type { ScalarFunctionDefinition } from './function-types.js'
import { aliasScalar, coerceAll, coerceTo, defineScalar, lenient, strict } from './function-support.js'
import { codePointLength, codePointSlice } from './code-points.js'

const S = StringType
const I = IntegerType

/** `substring_index(str, delim, count)`: the part before the count-th delimiter (from the end when negative). */
export const substringIndexFunction = defineScalar('substring_index', 3, (args) =>
  strict(coerceAll('substring_index', args, [S, S, I]), S, (a) => {
    const s = a[0] as string
    const delim = a[1] as string
    const count = a[2] as number
    if (delim === '' || count === 0) return ''
    const parts = s.split(delim)
    return count > 0 ? parts.slice(0, count).join(delim) : parts.slice(Math.max(0, parts.length + count)).join(delim)
  }))

/** Levenshtein distance over code points. */
function levenshtein(a: string, b: string): number {
  const x = Array.from(a)
  const y = Array.from(b)
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j)
  for (let i = 1; i <= x.length; i++) {
    const current = [i]
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return previous[y.length]!
}

/** `levenshtein(a, b[, threshold])`: edit distance; -1 when above the threshold. */
export const levenshteinFunction = defineScalar('levenshtein', [2, 3], (args) =>
  strict(coerceAll('levenshtein', args, [S, S, I]), I, (a) => {
    const d = levenshtein(a[0] as string, a[1] as string)
    return a.length > 2 && d > (a[2] as number) ? -1 : d
  }))

const SOUNDEX_CODES: Readonly<Record<string, string>> = {
  B: '1', F: '1', P: '1', V: '1', C: '2', G: '2', J: '2', K: '2', Q: '2', S: '2', X: '2', Z: '2',
  D: '3', T: '3', L: '4', M: '5', N: '5', R: '6',
}

/** `soundex(str)`: the American Soundex code; input not starting with a letter is returned as is. */
export const soundexFunction = defineScalar('soundex', 1, (args) =>
  strict(coerceAll('soundex', args, [S]), S, (a) => {
    const s = a[0] as string
    if (s === '' || !/[A-Za-z]/.test(s[0]!)) return s
    const upper = s.toUpperCase()
    let code = upper[0]!
    let last = SOUNDEX_CODES[code] ?? ''
    for (let i = 1; i < upper.length && code.length < 4; i++) {
      const c = upper[i]!
      const digit = SOUNDEX_CODES[c]
      if (digit !== undefined && digit !== last) code += digit
      if (c !== 'H' && c !== 'W') last = digit ?? ''
    }
    return code.padEnd(4, '0')
  }))

/** `overlay(input, replace, pos[, len])`: replaces len characters (default: replace's length) at the 1-based pos. */
export const overlayFunction = defineScalar('overlay', [3, 4], (args) =>
  strict(coerceAll('overlay', args, [S, S, I, I]), S, (a) => {
    const input = a[0] as string
    const replacement = a[1] as string
    const pos = a[2] as number
    const len = a.length > 3 && (a[3] as number) >= 0 ? (a[3] as number) : codePointLength(replacement)
    return codePointSlice(input, 0, Math.max(0, pos - 1)) + replacement + codePointSlice(input, Math.max(0, pos - 1 + len))
  }))

/** Java's Formatter for the common conversions: %s %S %d %f %e %x %X %o %c %b %n %% with flags (-, 0, +, ',', ' '), width and precision. */
export function formatJava(format: string, values: readonly unknown[], types: readonly DataType[]): string {
  let next = 0
  return format.replace(/%(\d+\$)?([-#+ 0,(]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])/g, (whole, index: string | undefined, flags: string, width: string | undefined, precision: string | undefined, conversion: string) => {
    if (conversion === '%') return '%'
    if (conversion === 'n') return '\n'
    const position = index !== undefined ? Number(index.slice(0, -1)) - 1 : next++
    if (position >= values.length) {
      throw new ExecutionError('INVALID_PARAMETER_VALUE.FORMAT', `Format specifier '${whole}' has no argument in format_string('${format}', ...).`, { functionName: '`format_string`' })
    }
    const v = values[position]
    const t = types[position]
    let text: string
    const asNumber = (): number => (typeof v === 'bigint' ? Number(v) : t?.kind === 'decimal' ? Number(decimalToString(v as bigint, t.scale)) : (v as number))
    switch (conversion.toLowerCase()) {
      case 's':
        text = v === null ? 'null' : typeof v === 'number' && (t?.kind === 'double' || t?.kind === 'float') ? javaDoubleString(v) : t?.kind === 'decimal' ? decimalToString(v as bigint, t.scale) : String(v)
        if (precision !== undefined) text = text.slice(0, Number(precision))
        break
      case 'd': {
        const n = typeof v === 'bigint' ? v : BigInt(Math.trunc(asNumber()))
        text = (n < 0n ? -n : n).toString()
        if (flags.includes(',')) text = text.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
        text = (n < 0n ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '') + text
        break
      }
      case 'f': case 'e': {
        const x = asNumber()
        const digits = precision === undefined ? 6 : Number(precision)
        text = conversion.toLowerCase() === 'f' ? Math.abs(x).toFixed(digits) : Math.abs(x).toExponential(digits).replace(/e([+-])(\d)$/, 'e$10$2')
        if (flags.includes(',') && conversion.toLowerCase() === 'f') text = text.replace(/^(\d+)/, (m) => m.replace(/\B(?=(\d{3})+(?!\d))/g, ','))
        text = (x < 0 || Object.is(x, -0) ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '') + text
        break
      }
      case 'x': text = (typeof v === 'bigint' ? BigInt.asUintN(64, v) : BigInt.asUintN(32, BigInt(v as number))).toString(16); break
      case 'o': text = (typeof v === 'bigint' ? BigInt.asUintN(64, v) : BigInt.asUintN(32, BigInt(v as number))).toString(8); break
      case 'c': text = v === null ? 'null' : typeof v === 'string' ? v.slice(0, 1) : String.fromCodePoint(asNumber()); break
      case 'b': text = v === null ? 'false' : typeof v === 'boolean' ? String(v) : 'true'; break
      default:
        throw new ExecutionError('INVALID_PARAMETER_VALUE.FORMAT', `Unknown format conversion '${conversion}' in format_string('${format}', ...).`, { functionName: '`format_string`' })
    }
    if (conversion === conversion.toUpperCase() && conversion !== '%') text = text.toUpperCase()
    const w = width === undefined ? 0 : Number(width)
    if (text.length < w) {
      if (flags.includes('-')) text = text.padEnd(w)
      else if (flags.includes('0') && /^[+\- ]?\d/.test(text)) {
        const sign = /^[+\- ]/.test(text) ? text[0]! : ''
        text = sign + text.slice(sign.length).padStart(w - sign.length, '0')
      } else text = text.padStart(w)
    }
    return text
  })
}

/** `format_string(fmt, args...)`/`printf`: Java's String.format for the common conversions. */
export const formatStringFunction = defineScalar('format_string', [1, Infinity], (args) =>
  lenient([coerceTo('format_string', 0, args.types[0]!, S, args.context.ansi), ...args.types.slice(1)], S, (a) =>
    (a[0] === null ? null : formatJava(a[0] as string, a.slice(1), args.types.slice(1)))))

export const moreStringFunctions: ScalarFunctionDefinition[] = [
  substringIndexFunction, levenshteinFunction, soundexFunction, overlayFunction, formatStringFunction,
  aliasScalar('printf', formatStringFunction),
]
