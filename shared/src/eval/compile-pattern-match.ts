import type { Expr } from '../expr/expr.js'
import { AnalysisError } from '../errors/sluice-error.js'
import { BooleanType, StringType } from '../types/data-type.js'
import { regexCache } from '../functions/java-regex.js'
import { makeNode, constantValue, type CompiledNode } from './compiled-node.js'
import type { ExprCompiler } from './compile-expr.js'
import { likeMatcher } from './like-pattern.js'

/** `a LIKE p [ESCAPE c]` and `a ILIKE p`; a constant pattern is translated once. */
export function compileLike(c: ExprCompiler, op: string, argExprs: readonly Expr[], name: string): CompiledNode {
  const value = c.castTo(c.compile(argExprs[0]!), StringType)
  const pattern = c.castTo(c.compile(argExprs[1]!), StringType)
  const escapeNode = argExprs[2] === undefined ? undefined : c.compile(argExprs[2])
  const escapeValue = escapeNode === undefined ? '\\' : constantValue(escapeNode)
  if (typeof escapeValue !== 'string' || escapeValue.length !== 1) {
    throw new AnalysisError('INVALID_ESCAPE_CHAR', `The escape character must be a string literal of length one, but got ${String(escapeValue)}.`)
  }
  const caseInsensitive = op === 'ilike'
  const constantPattern = constantValue(pattern)
  const fixed = typeof constantPattern === 'string' ? likeMatcher(constantPattern, escapeValue, caseInsensitive) : undefined
  const ve = value.eval
  const pe = pattern.eval
  return makeNode(BooleanType, value.nullable || pattern.nullable, name, value.foldable && pattern.foldable, (row) => {
    const v = ve(row)
    if (v === null || v === undefined) return null
    if (fixed !== undefined) return fixed(v as string)
    const p = pe(row)
    return p === null || p === undefined ? null : likeMatcher(p as string, escapeValue, caseInsensitive)(v as string)
  })
}

/** `a RLIKE p` (Java regex, partial match): a constant pattern compiles once. */
export function compileRlike(c: ExprCompiler, argExprs: readonly Expr[], name: string): CompiledNode {
  const value = c.castTo(c.compile(argExprs[0]!), StringType)
  const pattern = c.castTo(c.compile(argExprs[1]!), StringType)
  const regexFor = regexCache('rlike', false, constantValue(pattern))
  const ve = value.eval
  const pe = pattern.eval
  return makeNode(BooleanType, value.nullable || pattern.nullable, name, value.foldable && pattern.foldable, (row) => {
    const v = ve(row)
    if (v === null || v === undefined) return null
    const p = pe(row)
    if (p === null || p === undefined) return null
    return regexFor(p as string).test(v as string)
  })
}
