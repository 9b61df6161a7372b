/**
 * Spark counts string positions in Unicode code points (its UTF-8 characters); JS
 * strings index UTF-16 code units. These helpers take the fast path when a string
 * has no surrogate pairs, where both agree.
 */
const SURROGATE = /[\uD800-\uDFFF]/

export const hasSurrogates = (s: string): boolean => SURROGATE.test(s)

/** Number of code points. */
export function codePointLength(s: string): number {
  if (!hasSurrogates(s)) return s.length
  let n = 0
  for (const _ of s) n++
  return n
}

/** Code points `[start, end)` (code-point indexes, clamped to the string). */
export function codePointSlice(s: string, start: number, end?: number): string {
  if (!hasSurrogates(s)) return s.slice(Math.max(0, start), end)
  return Array.from(s).slice(Math.max(0, start), end).join('')
}

/** Code-point index of a UTF-16 index. */
export function toCodePointIndex(s: string, utf16Index: number): number {
  if (!hasSurrogates(s)) return utf16Index
  return codePointLength(s.slice(0, utf16Index))
}

/** UTF-16 index of a code-point index (clamped to the string length). */
export function toUtf16Index(s: string, codePointIndex: number): number {
  if (!hasSurrogates(s)) return Math.min(codePointIndex, s.length)
  let i = 0
  let n = 0
  while (i < s.length && n < codePointIndex) {
    const c = s.charCodeAt(i)
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? 2 : 1
    n++
  }
  return i
}
