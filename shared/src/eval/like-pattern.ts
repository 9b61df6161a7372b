import { AnalysisError } from '../errors/sluice-error.js'

/**
 * Translates a SQL LIKE pattern to an anchored RegExp (Spark's `escapeLikeRegex`):
 * `_` one character, `%` any run, the escape character before `_`, `%` or itself
 * makes it literal; anything else after the escape character is an error.
 */
export function likePatternToRegex(pattern: string, escape: string, caseInsensitive = false): RegExp {
  let source = ''
  const chars = [...pattern]
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!
    if (ch === escape) {
      const next = chars[i + 1]
      if (next === '_' || next === '%' || next === escape) {
        source += quoteRegex(next)
        i++
        continue
      }
      throw new AnalysisError('INVALID_FORMAT.ESCAPE_CHARACTER',
        `The format is invalid: '${pattern}'. The escape character is not allowed to precede '${next ?? ''}'.`,
        { format: `'${pattern}'`, char: next ?? '' })
    }
    source += ch === '_' ? '.' : ch === '%' ? '.*' : quoteRegex(ch)
  }
  return new RegExp(`^${source}$`, caseInsensitive ? 'isu' : 'su')
}

function quoteRegex(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}

/**
 * A matcher for a LIKE pattern: plain string tests for the common shapes
 * (`abc`, `abc%`, `%abc`, `%abc%` without `_` or escapes), a RegExp otherwise.
 */
export function likeMatcher(pattern: string, escape: string, caseInsensitive = false): (value: string) => boolean {
  if (!caseInsensitive && !pattern.includes('_') && !pattern.includes(escape)) {
    const inner = pattern.replace(/^%+/, '').replace(/%+$/, '')
    if (!inner.includes('%')) {
      const leading = pattern.startsWith('%')
      const trailing = pattern.endsWith('%') && pattern.length > 0
      if (pattern.length > 0 && /^%+$/.test(pattern)) return () => true
      if (leading && trailing) return (v) => v.includes(inner)
      if (leading) return (v) => v.endsWith(inner)
      if (trailing) return (v) => v.startsWith(inner)
      return (v) => v === inner
    }
  }
  const regex = likePatternToRegex(pattern, escape, caseInsensitive)
  return (v) => regex.test(v)
}
