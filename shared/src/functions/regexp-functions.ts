import { ArrayType, BooleanType, IntegerType, StringType } from '../types/data-type.js'
import { AnalysisError, ExecutionError } from '../errors/sluice-error.js'
import type { FunctionArgs, ScalarFunctionDefinition } from './function-types.js'
import { aliasScalar, coerceAll, defineScalar, strict } from './function-support.js'
import { javaReplacement, regexCache } from './java-regex.js'
import { codePointLength, toCodePointIndex, toUtf16Index } from './code-points.js'

const S = StringType
const I = IntegerType

function groupIndexError(name: string, groupCount: number, index: number): ExecutionError {
  return new ExecutionError('INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX',
    `The value of parameter(s) \`idx\` in \`${name}\` is invalid: Expects group index between 0 and ${groupCount}, but got ${index}.`,
    { parameter: '`idx`', functionName: `\`${name}\`` })
}

const groupCounts = new WeakMap<RegExp, number>()

/** Number of capture groups of a regex (cached per compiled regex). */
function groupCountOf(re: RegExp): number {
  let count = groupCounts.get(re)
  if (count === undefined) {
    count = new RegExp(`${re.source}|`, re.flags.replace('g', '')).exec('')!.length - 1
    groupCounts.set(re, count)
  }
  return count
}

/** Checks a constant group index at analysis time, else per row. */
function checkGroup(name: string, re: RegExp, index: number): void {
  const count = groupCountOf(re)
  if (index < 0 || index > count) throw groupIndexError(name, count, index)
}

/** `regexp_extract(str, regexp[, idx])`: group `idx` (default 1) of the first match; '' when none. */
export const regexpExtractFunction = defineScalar('regexp_extract', [2, 3], (args) => {
  const compile = regexCache('regexp_extract', false, args.constants[1])
  if (typeof args.constants[1] === 'string' && typeof args.constants[2] === 'number') checkGroup('regexp_extract', compile(args.constants[1]), args.constants[2])
  return strict(coerceAll('regexp_extract', args, [S, S, I]), S, (a) => {
    const re = compile(a[1] as string)
    const index = a.length > 2 ? (a[2] as number) : 1
    checkGroup('regexp_extract', re, index)
    const m = re.exec(a[0] as string)
    return m === null ? '' : (m[index] ?? '')
  })
})

/** `regexp_extract_all(str, regexp[, idx])`: group `idx` of every match. */
export const regexpExtractAllFunction = defineScalar('regexp_extract_all', [2, 3], (args) => {
  const compile = regexCache('regexp_extract_all', true, args.constants[1])
  if (typeof args.constants[1] === 'string' && typeof args.constants[2] === 'number') checkGroup('regexp_extract_all', compile(args.constants[1]), args.constants[2])
  return strict(coerceAll('regexp_extract_all', args, [S, S, I]), ArrayType(S, false), (a) => {
    const re = compile(a[1] as string)
    const index = a.length > 2 ? (a[2] as number) : 1
    checkGroup('regexp_extract_all', re, index)
    re.lastIndex = 0
    return Array.from((a[0] as string).matchAll(re), (m) => m[index] ?? '')
  })
})

/** `regexp_replace(str, regexp, rep[, position])`: replaces every match at or after the 1-based `position`; `rep` uses Java's `$1` syntax. */
export const regexpReplaceFunction = defineScalar('regexp_replace', [3, 4], (args) => {
  const position = args.constants[3]
  if (typeof position === 'number' && position <= 0) {
    throw new AnalysisError('DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE',
      `Cannot resolve "regexp_replace(...)" due to data type mismatch: The \`position\` must be positive, but got ${position}.`, { exprName: 'position', currentValue: String(position) })
  }
  const compile = regexCache('regexp_replace', true, args.constants[1])
  const replacements = new Map<string, ReturnType<typeof javaReplacement>>()
  return strict(coerceAll('regexp_replace', args, [S, S, S, I]), S, (a) => {
    const s = a[0] as string
    const pos = a.length > 3 ? (a[3] as number) : 1
    if (pos > codePointLength(s)) return s
    let replace = replacements.get(a[2] as string)
    if (replace === undefined) {
      replace = javaReplacement(a[2] as string)
      replacements.set(a[2] as string, replace)
    }
    const re = compile(a[1] as string)
    const start = toUtf16Index(s, pos - 1)
    return s.slice(0, start) + s.slice(start).replace(re, replace)
  })
})

/** `regexp_like(str, regexp)`/`regexp`: whether the regex matches part of `str` (RLIKE). */
export const regexpLikeFunction = defineScalar('regexp_like', 2, (args) => {
  const compile = regexCache('regexp_like', false, args.constants[1])
  return strict(coerceAll('regexp_like', args, [S, S]), BooleanType, (a) => compile(a[1] as string).test(a[0] as string))
})

/** `regexp_count(str, regexp)`: number of matches. */
export const regexpCountFunction = defineScalar('regexp_count', 2, (args) => {
  const compile = regexCache('regexp_count', true, args.constants[1])
  return strict(coerceAll('regexp_count', args, [S, S]), I, (a) => {
    const re = compile(a[1] as string)
    re.lastIndex = 0
    let n = 0
    for (const _ of (a[0] as string).matchAll(re)) n++
    return n
  })
})

/** `regexp_substr(str, regexp)`: the first match; null when none or the match is empty. */
export const regexpSubstrFunction = defineScalar('regexp_substr', 2, (args) => {
  const compile = regexCache('regexp_substr', false, args.constants[1])
  return strict(coerceAll('regexp_substr', args, [S, S]), S, (a) => {
    const m = compile(a[1] as string).exec(a[0] as string)
    return m === null || m[0] === '' ? null : m[0]
  })
})

/** `regexp_instr(str, regexp[, idx])`: 1-based position of the first match (of group idx); 0 when none. */
export const regexpInstrFunction = defineScalar('regexp_instr', [2, 3], (args: FunctionArgs) => {
  const compile = regexCache('regexp_instr', false, args.constants[1])
  return strict(coerceAll('regexp_instr', args, [S, S, I]), I, (a) => {
    const s = a[0] as string
    const m = compile(a[1] as string).exec(s)
    return m === null ? 0 : toCodePointIndex(s, m.index) + 1
  })
})

/**
 * `split(str, regex[, limit])`: Java's `String.split` with Spark's rules: limit > 0
 * gives at most `limit` parts, the last holding the rest; limit ≤ 0 splits fully and
 * keeps trailing empty strings; an empty regex splits into characters.
 */
export function splitByRegex(s: string, re: RegExp, limit: number): string[] {
  if (limit <= 0) limit = -1
  if (re.source === '(?:)') {
    if (s === '') return ['']
    const chars = Array.from(s)
    if (limit > 0 && limit < chars.length) return [...chars.slice(0, limit - 1), chars.slice(limit - 1).join('')]
    return chars
  }
  const parts: string[] = []
  let index = 0
  re.lastIndex = 0
  for (const m of s.matchAll(re)) {
    if (limit > 0 && parts.length >= limit - 1) break
    const start = m.index
    const end = start + m[0].length
    if (start === 0 && end === 0) continue
    parts.push(s.slice(index, start))
    index = end
  }
  parts.push(s.slice(index))
  return parts
}

export const splitFunction = defineScalar('split', [2, 3], (args) => {
  const compile = regexCache('split', true, args.constants[1])
  return strict(coerceAll('split', args, [S, S, I]), ArrayType(S, false), (a) =>
    splitByRegex(a[0] as string, compile(a[1] as string), a.length > 2 ? (a[2] as number) : -1))
})

export const regexpFunctions: ScalarFunctionDefinition[] = [
  regexpExtractFunction, regexpExtractAllFunction, regexpReplaceFunction, regexpLikeFunction,
  aliasScalar('regexp', regexpLikeFunction), regexpCountFunction, regexpSubstrFunction, regexpInstrFunction, splitFunction,
]
