import { ArrayType, BinaryType, BooleanType, IntegerType, LongType, StringType } from '../types/data-type.js'
import type { DataType } from '../types/data-type.js'
import { ExecutionError } from '../errors/sluice-error.js'
import type { ScalarFunctionDefinition } from './function-types.js'
import {
  aliasScalar, coerceAll, coerceTo, defineScalar, lenient, strict, toNumber, unexpectedInputType,
} from './function-support.js'
import { codePointLength, codePointSlice, hasSurrogates, toCodePointIndex, toUtf16Index } from './code-points.js'

const S = StringType
const I = IntegerType

/** Whether every argument is BINARY (or NULL): Spark's binary variants of string functions. */
const allBinary = (types: readonly DataType[]): boolean =>
  types.some((t) => t.kind === 'binary') && types.every((t) => t.kind === 'binary' || t.kind === 'null')

/** A function of strings (after implicit casts) with a strict (null in, null out) body. */
function stringFunction(
  name: string,
  arity: number | readonly [number, number],
  expected: readonly DataType[],
  result: DataType,
  body: (args: unknown[]) => unknown,
): ScalarFunctionDefinition {
  return defineScalar(name, arity, (args) => strict(coerceAll(name, args, expected), result, body))
}

export const lowerFunction = stringFunction('lower', 1, [S], S, (a) => (a[0] as string).toLowerCase())
export const upperFunction = stringFunction('upper', 1, [S], S, (a) => (a[0] as string).toUpperCase())

/** `concat(a, b, ...)`: strings, binaries (all binary) or arrays; null when any argument is null. */
export const concatFunction = defineScalar('concat', [0, Infinity], (args) => {
  if (args.types.length > 0 && args.types.every((t) => t.kind === 'array' || t.kind === 'null') && args.types.some((t) => t.kind === 'array')) {
    const arrayType = args.types.find((t) => t.kind === 'array')!
    return strict(undefined, arrayType, (a) => (a as unknown[][]).flat(1) as unknown)
  }
  if (allBinary(args.types)) return strict(args.types.map(() => BinaryType), BinaryType, (a) => Buffer.concat(a as Uint8Array[]))
  return strict(coerceAll('concat', args, [S]), S, (a) => (a as string[]).join(''))
})

/** `concat_ws(sep, a, ...)`: joins the non-null strings (and elements of string arrays) with `sep`; null only when `sep` is. */
export const concatWsFunction = defineScalar('concat_ws', [1, Infinity], (args) => {
  const inputTypes = args.types.map((t, i) =>
    i > 0 && t.kind === 'array' ? ArrayType(S) : coerceTo('concat_ws', i, t, S, args.context.ansi))
  return lenient(inputTypes, S, (a) => {
    if (a[0] === null) return null
    const parts: string[] = []
    for (let i = 1; i < a.length; i++) {
      const v = a[i]
      if (v === null) continue
      if (Array.isArray(v)) { for (const e of v) if (e !== null) parts.push(e as string) }
      else parts.push(v as string)
    }
    return parts.join(a[0] as string)
  }, args.nullable[0] ?? true)
})

/** Spark's `substringSQL`: 1-based `pos` (0 acts as 1, negative counts from the end), `len` characters. */
export function sqlSubstringRange(length: number, pos: number, len: number): [number, number] | null {
  let start = pos > 0 ? pos - 1 : pos < 0 ? length + pos : 0
  const end = start + len > 2147483647 ? 2147483647 : start + len
  start = Math.max(start, 0)
  return start >= end ? null : [start, Math.min(end, length)]
}

/** `substring(str, pos[, len])`/`substr`: characters (bytes for BINARY) from the 1-based `pos`. */
export const substringFunction = defineScalar('substring', [2, 3], (args) => {
  const binary = args.types[0]!.kind === 'binary'
  const inputTypes = [binary ? BinaryType : coerceTo('substring', 0, args.types[0]!, S, args.context.ansi),
    ...args.types.slice(1).map((t, i) => coerceTo('substring', i + 1, t, I, args.context.ansi))]
  return strict(inputTypes, binary ? BinaryType : S, (a) => {
    const pos = a[1] as number
    const len = a.length > 2 ? (a[2] as number) : 2147483647
    if (binary) {
      const bytes = a[0] as Uint8Array
      const range = sqlSubstringRange(bytes.length, pos, len)
      return range === null ? new Uint8Array(0) : bytes.slice(range[0], range[1])
    }
    const s = a[0] as string
    const range = sqlSubstringRange(codePointLength(s), pos, len)
    return range === null ? '' : codePointSlice(s, range[0], range[1])
  })
})

/** `length(str)`: characters of a string, bytes of a binary. */
export const lengthFunction = defineScalar('length', 1, (args) => {
  if (args.types[0]!.kind === 'binary') return strict([BinaryType], I, (a) => (a[0] as Uint8Array).length)
  return strict(coerceAll('length', args, [S]), I, (a) => codePointLength(a[0] as string))
})

export const octetLengthFunction = defineScalar('octet_length', 1, (args) => {
  if (args.types[0]!.kind === 'binary') return strict([BinaryType], I, (a) => (a[0] as Uint8Array).length)
  return strict(coerceAll('octet_length', args, [S]), I, (a) => Buffer.byteLength(a[0] as string, 'utf8'))
})

export const bitLengthFunction = defineScalar('bit_length', 1, (args) => {
  if (args.types[0]!.kind === 'binary') return strict([BinaryType], I, (a) => (a[0] as Uint8Array).length * 8)
  return strict(coerceAll('bit_length', args, [S]), I, (a) => Buffer.byteLength(a[0] as string, 'utf8') * 8)
})

function trimChars(s: string, chars: string | undefined, leading: boolean, trailing: boolean): string {
  const set = chars === undefined ? null : new Set(Array.from(chars))
  const drop = (c: string): boolean => (set === null ? c === ' ' : set.has(c))
  const units = hasSurrogates(s) ? Array.from(s) : s
  let start = 0
  let end = units.length
  if (leading) while (start < end && drop(units[start]!)) start++
  if (trailing) while (end > start && drop(units[end - 1]!)) end--
  return typeof units === 'string' ? units.slice(start, end) : units.slice(start, end).join('')
}

/**
 * `trim(str[, trimStr])`: removes spaces (ASCII 32 only, as Spark), or any character
 * of `trimStr`, from both ends. SQL's `TRIM(BOTH x FROM s)` is `trim(s, x)`,
 * `LEADING` is `ltrim(s, x)`, `TRAILING` is `rtrim(s, x)`.
 */
function trimFunction(name: string, leading: boolean, trailing: boolean): ScalarFunctionDefinition {
  return stringFunction(name, [1, 2], [S, S], S, (a) => trimChars(a[0] as string, a[1] as string | undefined, leading, trailing))
}

export const trimFunctionDefinition = trimFunction('trim', true, true)
export const ltrimFunction = trimFunction('ltrim', true, false)
export const rtrimFunction = trimFunction('rtrim', false, true)

function padBytes(bytes: Uint8Array, length: number, pad: Uint8Array, left: boolean): Uint8Array {
  if (length <= 0) return new Uint8Array(0)
  if (length <= bytes.length || pad.length === 0) return bytes.slice(0, length)
  const fill = new Uint8Array(length - bytes.length)
  for (let i = 0; i < fill.length; i++) fill[i] = pad[i % pad.length]!
  return left ? Buffer.concat([fill, bytes]) : Buffer.concat([bytes, fill])
}

function padString(s: string, length: number, pad: string, left: boolean): string {
  if (length <= 0) return ''
  const chars = Array.from(s)
  if (length <= chars.length || pad === '') return chars.slice(0, length).join('')
  const padChars = Array.from(pad)
  let fill = ''
  for (let i = 0; i < length - chars.length; i++) fill += padChars[i % padChars.length]
  return left ? fill + s : s + fill
}

/** `lpad(str, len[, pad])`/`rpad`: pads (or truncates) to `len` characters; default pad ' ' (a zero byte for BINARY). */
function padFunction(name: string, left: boolean): ScalarFunctionDefinition {
  return defineScalar(name, [2, 3], (args) => {
    const lengthType = coerceTo(name, 1, args.types[1]!, I, args.context.ansi)
    const binary = args.types[0]!.kind === 'binary' && (args.types.length === 2 || args.types[2]!.kind === 'binary')
    if (binary) {
      return strict([BinaryType, lengthType, ...(args.types.length > 2 ? [BinaryType] : [])], BinaryType,
        (a) => padBytes(a[0] as Uint8Array, a[1] as number, a.length > 2 ? (a[2] as Uint8Array) : new Uint8Array(1), left))
    }
    const inputTypes = [coerceTo(name, 0, args.types[0]!, S, args.context.ansi), lengthType,
      ...(args.types.length > 2 ? [coerceTo(name, 2, args.types[2]!, S, args.context.ansi)] : [])]
    return strict(inputTypes, S, (a) => padString(a[0] as string, a[1] as number, a.length > 2 ? (a[2] as string) : ' ', left))
  })
}

export const lpadFunction = padFunction('lpad', true)
export const rpadFunction = padFunction('rpad', false)

/** `instr(str, substr[, pos[, occurrence]])`: 1-based position of the occurrence-th match searching from `pos` (backwards when negative); 0 when none. */
export function instrPosition(s: string, sub: string, pos: number, occurrence: number): number {
  if (pos === 0 || occurrence < 1) return 0
  if (sub === '') return 1
  const length = codePointLength(s)
  if (pos > 0) {
    let from = toUtf16Index(s, pos - 1)
    if (pos - 1 > length) return 0
    for (let k = 0; ; k++) {
      const at = s.indexOf(sub, from)
      if (at < 0) return 0
      if (k + 1 === occurrence) return toCodePointIndex(s, at) + 1
      from = at + 1
    }
  }
  const startCp = length + pos
  if (startCp < 0) return 0
  let from = toUtf16Index(s, startCp)
  for (let k = 0; ; k++) {
    if (from < 0) return 0
    const at = s.lastIndexOf(sub, from)
    if (at < 0) return 0
    if (k + 1 === occurrence) return toCodePointIndex(s, at) + 1
    from = at - 1
  }
}

export const instrFunction = defineScalar('instr', [2, 4], (args) => {
  const inputTypes = coerceAll('instr', args, [S, S, I, I])
  return strict(inputTypes, I, (a) =>
    instrPosition(a[0] as string, a[1] as string, a.length > 2 ? (a[2] as number) : 1, a.length > 3 ? (a[3] as number) : 1))
})

/** `locate(substr, str[, pos])`/`position`: 1-based position of `substr` at or after `pos`; 0 when absent or pos < 1. */
function locateFunction(name: string): ScalarFunctionDefinition {
  return defineScalar(name, [2, 3], (args) => {
    const inputTypes = coerceAll(name, args, [S, S, I])
    return lenient(inputTypes, I, (a) => {
      const pos = a.length > 2 ? a[2] : 1
      if (pos === null) return 0
      if (a[0] === null || a[1] === null) return null
      if ((pos as number) < 1) return 0
      const s = a[1] as string
      const at = s.indexOf(a[0] as string, toUtf16Index(s, (pos as number) - 1))
      return at < 0 ? 0 : toCodePointIndex(s, at) + 1
    })
  })
}

export const locateFunctionDefinition = locateFunction('locate')
export const positionFunction = locateFunction('position')

/** `replace(str, search[, replacement])`: every occurrence; an empty `search` leaves `str` as is. */
export const replaceFunction = stringFunction('replace', [2, 3], [S, S, S], S, (a) => {
  const search = a[1] as string
  return search === '' ? a[0] : (a[0] as string).split(search).join(a.length > 2 ? (a[2] as string) : '')
})

/** `reverse(str)` reverses characters; `reverse(array)` reverses elements. */
export const reverseFunction = defineScalar('reverse', 1, (args) => {
  if (args.types[0]!.kind === 'array') return strict(undefined, args.types[0]!, (a) => [...(a[0] as unknown[])].reverse())
  return strict(coerceAll('reverse', args, [S]), S, (a) => Array.from(a[0] as string).reverse().join(''))
})

export const repeatFunction = stringFunction('repeat', 2, [S, I], S, (a) => ((a[1] as number) <= 0 ? '' : (a[0] as string).repeat(a[1] as number)))

/** `initcap(str)`: lower-cases, then upper-cases the first letter of each space-separated word. */
export const initcapFunction = stringFunction('initcap', 1, [S], S, (a) =>
  (a[0] as string).toLowerCase().split(' ').map((w) => (w === '' ? w : String.fromCodePoint(w.codePointAt(0)!).toUpperCase() + w.slice(String.fromCodePoint(w.codePointAt(0)!).length))).join(' '))

/** `ascii(str)`: the code point of the first character; 0 for ''. */
export const asciiFunction = stringFunction('ascii', 1, [S], I, (a) => ((a[0] as string) === '' ? 0 : (a[0] as string).codePointAt(0)!))

/** `chr(n)`/`char(n)`: the character of code `n mod 256`; '' for negative n. */
export const chrFunction = stringFunction('chr', 1, [LongType], S, (a) => {
  const n = a[0] as bigint
  if (n < 0n) return ''
  return String.fromCharCode(Number(n & 0xffn))
})

/** `translate(str, from, to)`: replaces each character of `from` by the one at the same place in `to`, deleting it when `to` is shorter. */
export const translateFunction = stringFunction('translate', 3, [S, S, S], S, (a) => {
  const from = Array.from(a[1] as string)
  const to = Array.from(a[2] as string)
  const mapping = new Map<string, string>()
  from.forEach((c, i) => { if (!mapping.has(c)) mapping.set(c, to[i] ?? '') })
  return Array.from(a[0] as string).map((c) => mapping.get(c) ?? c).join('')
})

/** `left(str, len)`: the first `len` characters; '' when len ≤ 0. */
export const leftFunction = stringFunction('left', 2, [S, I], S, (a) => ((a[1] as number) <= 0 ? '' : codePointSlice(a[0] as string, 0, a[1] as number)))

/** `right(str, len)`: the last `len` characters; '' when len ≤ 0. */
export const rightFunction = stringFunction('right', 2, [S, I], S, (a) => {
  const s = a[0] as string
  const n = a[1] as number
  if (n <= 0) return ''
  const length = codePointLength(s)
  return codePointSlice(s, Math.max(0, length - n))
})

function bytesStartWith(data: Uint8Array, prefix: Uint8Array, offset: number): boolean {
  if (offset < 0 || offset + prefix.length > data.length) return false
  for (let i = 0; i < prefix.length; i++) if (data[offset + i] !== prefix[i]) return false
  return true
}

/** `startswith`/`endswith`/`contains` over strings (after implicit casts) or two binaries. */
function matchFunction(name: string, onStrings: (l: string, r: string) => boolean, onBytes: (l: Uint8Array, r: Uint8Array) => boolean): ScalarFunctionDefinition {
  return defineScalar(name, 2, (args) => {
    if (allBinary(args.types)) return strict([BinaryType, BinaryType], BooleanType, (a) => onBytes(a[0] as Uint8Array, a[1] as Uint8Array))
    return strict(coerceAll(name, args, [S, S]), BooleanType, (a) => onStrings(a[0] as string, a[1] as string))
  })
}

export const startswithFunction = matchFunction('startswith', (l, r) => l.startsWith(r), (l, r) => bytesStartWith(l, r, 0))
export const endswithFunction = matchFunction('endswith', (l, r) => l.endsWith(r), (l, r) => bytesStartWith(l, r, l.length - r.length))
export const containsFunction = matchFunction('contains', (l, r) => l.includes(r), (l, r) => {
  for (let i = 0; i + r.length <= l.length; i++) if (bytesStartWith(l, r, i)) return true
  return false
})

/** `split_part(str, delimiter, partNum)`: the part (from the end when negative); '' when out of range. */
export const splitPartFunction = defineScalar('split_part', 3, (args) => {
  const inputTypes = coerceAll('split_part', args, [S, S, I])
  return strict(inputTypes, S, (a) => {
    const n = a[2] as number
    if (n === 0) {
      throw new ExecutionError('INVALID_INDEX_OF_ZERO', 'The index 0 is invalid. An index shall be either < 0 or > 0 (the first element has index 1).', { functionName: 'split_part' })
    }
    const s = a[0] as string
    const parts = (a[1] as string) === '' ? [s] : s.split(a[1] as string)
    const index = n > 0 ? n - 1 : parts.length + n
    return index >= 0 && index < parts.length ? parts[index] : ''
  })
})

/** `elt(n, a, b, ...)`: the n-th argument (1-based); out of range: INVALID_ARRAY_INDEX (ANSI) or null. */
export const eltFunction = defineScalar('elt', [2, Infinity], (args) => {
  const inputTypes = [coerceTo('elt', 0, args.types[0]!, I, args.context.ansi),
    ...args.types.slice(1).map((t, i) => (allBinary(args.types.slice(1)) ? BinaryType : coerceTo('elt', i + 1, t, S, args.context.ansi)))]
  const resultType = allBinary(args.types.slice(1)) ? BinaryType : S
  return lenient(inputTypes, resultType, (a) => {
    if (a[0] === null) return null
    const n = a[0] as number
    if (n < 1 || n >= a.length) {
      if (args.context.ansi) {
        throw new ExecutionError('INVALID_ARRAY_INDEX', `The index ${n} is out of bounds. The array has ${a.length - 1} elements. Use the SQL function \`get()\` to tolerate accessing element at invalid index and return NULL instead.`, { indexValue: String(n), arraySize: String(a.length - 1) })
      }
      return null
    }
    return a[n]
  })
})

/** `luhn_check(str)`: whether a string of digits passes the Luhn checksum. */
export const luhnCheckFunction = stringFunction('luhn_check', 1, [S], BooleanType, (a) => {
  const s = a[0] as string
  if (s === '' || !/^\d+$/.test(s)) return false
  let sum = 0
  for (let i = 0; i < s.length; i++) {
    let d = s.charCodeAt(s.length - 1 - i) - 48
    if (i % 2 === 1) { d *= 2; if (d > 9) d -= 9 }
    sum += d
  }
  return sum % 10 === 0
})

/** `quote(str)`: wraps in single quotes, escaping `'` as `\'`. */
export const quoteFunction = stringFunction('quote', 1, [S], S, (a) => `'${(a[0] as string).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`)

/** `space(n)`: n spaces. */
export const spaceFunction = stringFunction('space', 1, [I], S, (a) => ' '.repeat(Math.max(0, a[0] as number)))

/** `format_number(x, d)`: `#,###,###.##` rounded HALF_EVEN to `d` decimals (Java's DecimalFormat); null for d < 0. */
export const formatNumberFunction = defineScalar('format_number', 2, (args) => {
  const t = args.types[0]!
  if (!(t.kind === 'byte' || t.kind === 'short' || t.kind === 'integer' || t.kind === 'long' || t.kind === 'float' || t.kind === 'double' || t.kind === 'decimal' || t.kind === 'null')) {
    throw unexpectedInputType('format_number', 0, '"NUMERIC"', t)
  }
  const scale = t.kind === 'decimal' ? t.scale : 0
  return strict([t.kind === 'null' ? I : t, coerceTo('format_number', 1, args.types[1]!, I, args.context.ansi)], S, (a) => {
    const d = a[1] as number
    if (d < 0) return null
    const v = a[0]
    const text = typeof v === 'bigint' && t.kind === 'decimal'
      ? new Intl.NumberFormat('en-US', { minimumFractionDigits: d, maximumFractionDigits: d, roundingMode: 'halfEven' } as Intl.NumberFormatOptions)
        .format(`${v}E-${scale}` as unknown as number)
      : new Intl.NumberFormat('en-US', { minimumFractionDigits: d, maximumFractionDigits: d, roundingMode: 'halfEven' } as Intl.NumberFormatOptions)
        .format(typeof v === 'bigint' ? v : toNumber(v))
    return text
  })
})

/** `uuid()`: a random UUID string (nondeterministic). */
export const uuidFunction = defineScalar('uuid', 0, () => lenient([], S, () => crypto.randomUUID(), false))

/** `btrim(str[, trimStr])`: `trim` from both ends. */
export const btrimFunction = trimFunction('btrim', true, true)

export const stringFunctions: ScalarFunctionDefinition[] = [
  lowerFunction, aliasScalar('lcase', lowerFunction), upperFunction, aliasScalar('ucase', upperFunction),
  concatFunction, concatWsFunction, substringFunction, aliasScalar('substr', substringFunction),
  lengthFunction, aliasScalar('char_length', lengthFunction), aliasScalar('character_length', lengthFunction), aliasScalar('len', lengthFunction),
  octetLengthFunction, bitLengthFunction,
  trimFunctionDefinition, ltrimFunction, rtrimFunction, btrimFunction, lpadFunction, rpadFunction,
  instrFunction, locateFunctionDefinition, positionFunction, replaceFunction, reverseFunction, repeatFunction,
  initcapFunction, asciiFunction, chrFunction, aliasScalar('char', chrFunction), translateFunction,
  leftFunction, rightFunction, startswithFunction, endswithFunction, containsFunction,
  splitPartFunction, eltFunction, luhnCheckFunction, quoteFunction, spaceFunction, formatNumberFunction, uuidFunction,
]

