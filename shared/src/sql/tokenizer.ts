import { AnalysisError } from '../errors/sluice-error.js'

export type TokenKind = 'ident' | 'quotedIdent' | 'string' | 'number' | 'binary' | 'op' | 'eof'

/** One lexical token; `offset`/`line`/`column` locate its start (line 1-based, column 0-based, as Spark's `pos`). */
export interface Token {
  readonly kind: TokenKind
  /** Identifier or keyword text as written; a string's decoded value; an operator's symbol; a number's digits with suffix. */
  readonly text: string
  readonly offset: number
  readonly line: number
  readonly column: number
  /** The source text of the token. */
  readonly raw: string
}

const OPERATORS = ['<=>', '::', '<=', '>=', '<>', '!=', '==', '||', '->', '=>', '(', ')', ',', '.', '[', ']', '+', '-', '*', '/',
  '%', '=', '<', '>', '&', '|', '^', '~', ':', ';', '!', '{', '}']

/** A PARSE_SYNTAX_ERROR in Spark's words, at a line and position. */
export function syntaxError(near: string, line: number, column: number, hint = ''): AnalysisError {
  return new AnalysisError('PARSE_SYNTAX_ERROR',
    `Syntax error at or near ${near}${hint}. SQLSTATE: 42601 (line ${line}, pos ${column})`,
    { error: near, hint, line: String(line), pos: String(column) })
}

/**
 * Splits Spark SQL text into tokens: identifiers (backquoted ones keep their exact
 * text), string literals ('..' or "..", with Spark's backslash escapes), numbers with
 * their type suffixes (L S Y D F BD), `X'..'` binary literals and operators.
 * Comments (`-- ...`, `/* ... *\/`) and whitespace are skipped.
 */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  let line = 1
  let lineStart = 0
  const advanceLines = (from: number, to: number): void => {
    for (let k = from; k < to; k++) if (sql[k] === '\n') { line++; lineStart = k + 1 }
  }
  while (i < sql.length) {
    const ch = sql[i]!
    if (/\s/.test(ch)) { advanceLines(i, i + 1); i++; continue }
    if (ch === '-' && sql[i + 1] === '-') { while (i < sql.length && sql[i] !== '\n') i++; continue }
    if (ch === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2)
      const stop = end < 0 ? sql.length : end + 2
      advanceLines(i, stop); i = stop; continue
    }
    const start = i
    const column = i - lineStart
    const push = (kind: TokenKind, text: string): void => {
      tokens.push({ kind, text, offset: start, line, column, raw: sql.slice(start, i) })
    }
    if ((ch === 'X' || ch === 'x') && sql[i + 1] === "'") {
      const end = sql.indexOf("'", i + 2)
      if (end < 0) throw syntaxError(`'${sql.slice(i)}'`, line, column)
      i = end + 1
      push('binary', sql.slice(start + 2, end))
      continue
    }
    if (/[A-Za-z_]/.test(ch) || ch.charCodeAt(0) > 127) {
      while (i < sql.length && (/[A-Za-z0-9_]/.test(sql[i]!) || sql.charCodeAt(i) > 127)) i++
      push('ident', sql.slice(start, i))
      continue
    }
    if (ch === '`') {
      let text = ''
      i++
      for (;;) {
        if (i >= sql.length) throw syntaxError(`'${sql.slice(start)}'`, line, column)
        if (sql[i] === '`') {
          if (sql[i + 1] === '`') { text += '`'; i += 2; continue }
          i++
          break
        }
        text += sql[i]; i++
      }
      push('quotedIdent', text)
      continue
    }
    if (ch === "'" || ch === '"') {
      const [value, end] = readString(sql, i, line, column)
      advanceLines(i, end)
      i = end
      push('string', value)
      continue
    }
    if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(sql[i + 1] ?? ''))) {
      const match = /^(\d*\.?\d*(?:[eE][+-]?\d+)?)(BD|[LSYDF])?(?![A-Za-z0-9_])/i.exec(sql.slice(i))
      if (match !== null && match[1] !== '' && match[1] !== '.') {
        i += match[0].length
        push('number', match[0])
        continue
      }
      // Digits followed by letters: an identifier such as `1a`.
      while (i < sql.length && /[A-Za-z0-9_]/.test(sql[i]!)) i++
      push('ident', sql.slice(start, i))
      continue
    }
    const op = OPERATORS.find((o) => sql.startsWith(o, i))
    if (op === undefined) throw syntaxError(`'${ch}'`, line, column)
    i += op.length
    push('op', op)
  }
  tokens.push({ kind: 'eof', text: '', offset: sql.length, line, column: sql.length - lineStart, raw: '' })
  return tokens
}

/** Reads a quoted string starting at `start`; returns the decoded value and the index after it. */
function readString(sql: string, start: number, line: number, column: number): [string, number] {
  const quote = sql[start]!
  let i = start + 1
  let value = ''
  for (;;) {
    if (i >= sql.length) throw syntaxError(`'${sql.slice(start)}'`, line, column, ': missing closing quote')
    const ch = sql[i]!
    if (ch === quote) return [value, i + 1]
    if (ch === '\\' && i + 1 < sql.length) {
      const next = sql[i + 1]!
      if (/[0-7]/.test(next) && /^[0-7]{3}$/.test(sql.slice(i + 1, i + 4))) {
        value += String.fromCharCode(parseInt(sql.slice(i + 1, i + 4), 8)); i += 4; continue
      }
      if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(sql.slice(i + 2, i + 6))) {
        value += String.fromCharCode(parseInt(sql.slice(i + 2, i + 6), 16)); i += 6; continue
      }
      value += unescapeChar(next)
      i += 2
      continue
    }
    value += ch
    i++
  }
}

/** Spark's `unescapeSQLString`: `\%` and `\_` keep their backslash (for LIKE). */
function unescapeChar(c: string): string {
  switch (c) {
    case '0': return '\u0000'
    case "'": return "'"
    case '"': return '"'
    case 'b': return '\b'
    case 'n': return '\n'
    case 'r': return '\r'
    case 't': return '\t'
    case 'Z': return '\u001A'
    case '\\': return '\\'
    case '%': return '\\%'
    case '_': return '\\_'
    default: return c
  }
}
