import { AnalysisError, ExecutionError } from '../errors/sluice-error.js'

/**
 * Compiles a Java regular expression (Spark's regex dialect) to a JS RegExp.
 * Handles what differs in common patterns: leading inline flags `(?i)`, `(?s)`,
 * `(?m)`, `(?x)`-free combinations, `\Q...\E` quoting, `\A`, `\z`, `\Z`, and
 * possessive-free syntax. Throws INVALID_PARAMETER_VALUE.PATTERN for a pattern
 * neither can compile. `global` adds the `g` flag.
 */
export function compileJavaRegex(pattern: string, functionName: string, global = false): RegExp {
  let body = pattern
  let flags = global ? 'g' : ''
  const inline = /^\(\?([imsux]+)\)/.exec(body)
  if (inline !== null) {
    for (const f of inline[1]!) {
      if (f === 'i' && !flags.includes('i')) flags += 'i'
      if (f === 's' && !flags.includes('s')) flags += 's'
      if (f === 'm' && !flags.includes('m')) flags += 'm'
    }
    body = body.slice(inline[0].length)
  }
  body = body.replace(/\\Q([\s\S]*?)(?:\\E|$)/g, (_, quoted: string) => quoted.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'))
  body = body.replace(/(^|[^\\])((?:\\\\)*)\\A/g, '$1$2^').replace(/(^|[^\\])((?:\\\\)*)\\z/g, '$1$2$(?![\\s\\S])')
    .replace(/(^|[^\\])((?:\\\\)*)\\Z/g, '$1$2(?=\\n?$(?![\\s\\S]))')
  try {
    return new RegExp(body, flags)
  } catch (error) {
    throw invalidPattern(pattern, functionName, error)
  }
}

function invalidPattern(pattern: string, functionName: string, cause: unknown): SparkPatternError {
  return new SparkPatternError(pattern, functionName, cause)
}

/** INVALID_PARAMETER_VALUE.PATTERN, at analysis when the pattern is constant. */
export class SparkPatternError extends AnalysisError {
  constructor(pattern: string, functionName: string, cause: unknown) {
    super('INVALID_PARAMETER_VALUE.PATTERN',
      `The value of parameter(s) \`regexp\` in \`${functionName}\` is invalid: '${pattern}' (${cause instanceof Error ? cause.message : String(cause)}).`,
      { parameter: '`regexp`', functionName: `\`${functionName}\`` })
  }
}

/** A per-function cache: constant patterns compile once, column patterns once per distinct value. */
export function regexCache(functionName: string, global: boolean, constant: unknown): (pattern: string) => RegExp {
  if (typeof constant === 'string') {
    const compiled = compileJavaRegex(constant, functionName, global)
    return () => compiled
  }
  const cache = new Map<string, RegExp>()
  return (pattern) => {
    let compiled = cache.get(pattern)
    if (compiled === undefined) {
      if (cache.size > 1000) cache.clear()
      compiled = compileJavaRegex(pattern, functionName, global)
      cache.set(pattern, compiled)
    }
    compiled.lastIndex = 0
    return compiled
  }
}

/**
 * Converts a Java replacement string (`$1`, `${name}`, `\$` for a literal dollar,
 * `\\` for a backslash) into a function for String.replace.
 */
export function javaReplacement(replacement: string): (match: string, ...rest: unknown[]) => string {
  const parts: (string | number | { name: string })[] = []
  let literal = ''
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i]!
    if (c === '\\' && i + 1 < replacement.length) { literal += replacement[++i]; continue }
    if (c === '$') {
      const named = /^\$\{([A-Za-z][A-Za-z0-9]*)\}/.exec(replacement.slice(i))
      if (named !== null) { parts.push(literal, { name: named[1]! }); literal = ''; i += named[0].length - 1; continue }
      const digits = /^\$(\d)/.exec(replacement.slice(i))
      if (digits !== null) { parts.push(literal, Number(digits[1])); literal = ''; i += 1; continue }
      throw new ExecutionError('INVALID_PARAMETER_VALUE.REGEX_REPLACEMENT', `Illegal group reference in the replacement '${replacement}'.`, { replacement })
    }
    literal += c
  }
  parts.push(literal)
  return (match, ...rest) => {
    const groups = rest.length > 0 && typeof rest[rest.length - 1] === 'object' ? (rest[rest.length - 1] as Record<string, string> | undefined) : undefined
    let out = ''
    for (const p of parts) {
      if (typeof p === 'string') out += p
      else if (typeof p === 'number') out += p === 0 ? match : ((rest[p - 1] as string | undefined) ?? '')
      else out += groups?.[p.name] ?? ''
    }
    return out
  }
}
