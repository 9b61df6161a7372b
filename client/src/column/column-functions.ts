import { Expr, parseExpression } from '@sluice/shared'
import { Column, literalExpr } from './column.js'

/** A column by name; `"a.b"` is the nested field b of a, `` "`a.b`" `` the column named a.b, `"*"` all columns. */
export function col(name: string): Column {
  if (name === '*') return new Column(Expr.star())
  if (name.endsWith('.*')) return new Column(Expr.star(name.slice(0, -2)))
  return new Column(Expr.column(...splitColumnName(name)))
}

/** Same as `col`. */
export function column(name: string): Column {
  return col(name)
}

/** A literal Column (a Column passes through unchanged). */
export function lit(value: unknown): Column {
  return value instanceof Column ? value : new Column(literalExpr(value))
}

/** A Column parsed from a SQL expression string: `expr("upper(name) AS n")`. */
export function expr(sql: string): Column {
  return new Column(parseExpression(sql))
}

/** Splits `a.b` into parts, honouring backquotes (`` `a.b`.c `` → `a.b`, `c`). */
function splitColumnName(name: string): string[] {
  const parts: string[] = []
  let current = ''
  let quoted = false
  for (let i = 0; i < name.length; i++) {
    const ch = name[i]!
    if (ch === '`') {
      if (quoted && name[i + 1] === '`') { current += '`'; i++; continue }
      quoted = !quoted
    } else if (ch === '.' && !quoted) {
      parts.push(current); current = ''
    } else {
      current += ch
    }
  }
  parts.push(current)
  return parts
}
