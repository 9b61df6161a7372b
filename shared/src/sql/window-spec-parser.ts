import { Expr, transformExpr, type SortOrderExpr } from '../expr/expr.js'
import {
  CURRENT_ROW, UNBOUNDED_FOLLOWING, UNBOUNDED_PRECEDING, offsetBoundary, windowExpr, windowFrame, windowSpec,
  type FrameBoundary, type WindowFrame, type WindowSpec,
} from '../expr/window-expr.js'
import { AnalysisError } from '../errors/sluice-error.js'
import { BooleanType, IntegerType, NullType } from '../types/data-type.js'
import type { ExpressionParser } from './expression-parser.js'
import type { TokenStream } from './token-stream.js'

/** Functions that take Spark's `IGNORE NULLS` / `RESPECT NULLS` after their arguments, with the argument slot of the flag. */
const NULLS_OPTION_SLOT: Readonly<Record<string, number>> = {
  lag: 3, lead: 3, nth_value: 2, first_value: 1, last_value: 1, first: 1, last: 1, any_value: 1,
}

/**
 * What may follow a function call's `)`: `IGNORE NULLS | RESPECT NULLS`, then
 * `OVER w | OVER (w) | OVER ([PARTITION BY ...] [ORDER BY ...] [frame])`.
 */
export function parseCallSuffix(parser: ExpressionParser, call: Expr): Expr {
  const s = parser.stream
  let fn = call
  if (fn.kind === 'Call' && (s.isKeyword('IGNORE') || s.isKeyword('RESPECT')) && s.isKeyword('NULLS', 1)) {
    const ignore = s.next().text.toUpperCase() === 'IGNORE'
    s.next()
    const slot = NULLS_OPTION_SLOT[fn.name.toLowerCase()]
    if (slot === undefined) {
      throw new AnalysisError('INVALID_SQL_SYNTAX.FUNCTION_WITH_UNSUPPORTED_SYNTAX', `The function \`${fn.name}\` does not support IGNORE NULLS / RESPECT NULLS.`)
    }
    if (ignore) fn = Expr.call(fn.name, withFlag(fn.args, slot, fn.name.toLowerCase()), fn.distinct)
  }
  if (!s.acceptKeyword('OVER')) return fn
  if (s.peek().kind === 'ident' || s.peek().kind === 'quotedIdent') return windowExpr(fn, windowSpec([], []), s.next().text)
  s.expectOp('(')
  if ((s.peek().kind === 'ident' || s.peek().kind === 'quotedIdent') && s.isOp(')', 1) && !isSpecKeyword(s.peek().text)) {
    const name = s.next().text
    s.next()
    return windowExpr(fn, windowSpec([], []), name)
  }
  const spec = parseWindowSpecBody(parser)
  s.expectOp(')')
  return windowExpr(fn, spec)
}

/** The inside of `( ... )` of a window specification. */
export function parseWindowSpecBody(parser: ExpressionParser): WindowSpec {
  const s = parser.stream
  const partitionBy: Expr[] = []
  const orderBy: SortOrderExpr[] = []
  if (s.acceptKeyword('PARTITION', 'BY') || s.acceptKeyword('DISTRIBUTE', 'BY')) {
    do partitionBy.push(parser.parseExpression()); while (s.acceptOp(','))
  }
  if (s.acceptKeyword('ORDER', 'BY') || s.acceptKeyword('SORT', 'BY')) {
    do orderBy.push(parseSortItem(parser)); while (s.acceptOp(','))
  }
  const frame = s.isKeyword('ROWS') || s.isKeyword('RANGE') ? parseFrame(parser) : undefined
  return windowSpec(partitionBy, orderBy, frame)
}

/** `WINDOW w AS (spec), v AS w`, after HAVING: the definitions by lower-case name. */
export function parseWindowClause(parser: ExpressionParser): Map<string, WindowSpec> {
  const s = parser.stream
  const definitions = new Map<string, WindowSpec>()
  do {
    const name = s.next()
    if (name.kind !== 'ident' && name.kind !== 'quotedIdent') throw s.error(name)
    s.expectKeyword('AS')
    let spec: WindowSpec
    if (s.acceptOp('(')) {
      spec = parseWindowSpecBody(parser)
      s.expectOp(')')
    } else {
      const ref = s.next()
      spec = definitions.get(ref.text.toLowerCase()) ?? missingWindow(ref.text)
    }
    definitions.set(name.text.toLowerCase(), spec)
  } while (s.acceptOp(','))
  return definitions
}

/** Replaces every `OVER w` in `e` with the definition of `w` (Spark's WindowsSubstitution). */
export function substituteNamedWindows(e: Expr, definitions: ReadonlyMap<string, WindowSpec>): Expr {
  return transformExpr(e, (node) => {
    if (node.kind !== 'Window' || node.specName === undefined) return undefined
    const spec = definitions.get(node.specName.toLowerCase()) ?? missingWindow(node.specName)
    return windowExpr(substituteNamedWindows(node.function, definitions), spec)
  })
}

/** Fails on an `OVER w` left without a WINDOW clause defining it. */
export function checkNoNamedWindows(e: Expr): void {
  substituteNamedWindows(e, new Map())
}

function missingWindow(name: string): never {
  throw new AnalysisError('MISSING_WINDOW_SPECIFICATION',
    `Window specification ${name} is not defined in the WINDOW clause. SQLSTATE: 42P20`, { windowName: name })
}

function parseSortItem(parser: ExpressionParser): SortOrderExpr {
  return parseSortDirection(parser.stream, parser.parseExpression())
}

/** `e [ASC|DESC] [NULLS FIRST|LAST]` after `e`; nulls come first when ascending, last when descending, unless said. */
export function parseSortDirection(s: TokenStream, e: Expr): SortOrderExpr {
  let ascending = true
  if (s.acceptKeyword('DESC')) ascending = false
  else s.acceptKeyword('ASC')
  let nullsFirst = ascending
  if (s.acceptKeyword('NULLS')) {
    if (s.acceptKeyword('FIRST')) nullsFirst = true
    else { s.expectKeyword('LAST'); nullsFirst = false }
  }
  return Expr.sortOrder(e, ascending, nullsFirst)
}

/** `ROWS|RANGE BETWEEN b AND b`, or `ROWS|RANGE b` (to CURRENT ROW). */
function parseFrame(parser: ExpressionParser): WindowFrame {
  const s = parser.stream
  const type = s.next().text.toUpperCase() === 'ROWS' ? 'rows' : 'range'
  if (s.acceptKeyword('BETWEEN')) {
    const lower = parseBoundary(parser)
    s.expectKeyword('AND')
    return windowFrame(type, lower, parseBoundary(parser))
  }
  return windowFrame(type, parseBoundary(parser), CURRENT_ROW)
}

function parseBoundary(parser: ExpressionParser): FrameBoundary {
  const s = parser.stream
  if (s.acceptKeyword('UNBOUNDED', 'PRECEDING')) return UNBOUNDED_PRECEDING
  if (s.acceptKeyword('UNBOUNDED', 'FOLLOWING')) return UNBOUNDED_FOLLOWING
  if (s.acceptKeyword('CURRENT', 'ROW')) return CURRENT_ROW
  const value = parser.parseExpression()
  if (s.acceptKeyword('PRECEDING')) return offsetBoundary(Expr.call('negative', [value]))
  s.expectKeyword('FOLLOWING')
  return offsetBoundary(value)
}

function isSpecKeyword(word: string): boolean {
  return ['PARTITION', 'DISTRIBUTE', 'ORDER', 'SORT', 'ROWS', 'RANGE'].includes(word.toUpperCase())
}

/** The call's arguments with the ignoreNulls flag at `slot`, earlier optional arguments filled with their defaults. */
function withFlag(args: readonly Expr[], slot: number, name: string): Expr[] {
  const out = [...args]
  if ((name === 'lag' || name === 'lead') && out.length < 2) out.push(Expr.literal(1, IntegerType))
  if ((name === 'lag' || name === 'lead') && out.length < 3) out.push(Expr.literal(null, NullType))
  out[slot] = Expr.literal(true, BooleanType)
  return out
}
