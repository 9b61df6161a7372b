import { Expr } from '../expr/expr.js'
import { BooleanType, IntegerType, NullType, StringType } from '../types/data-type.js'
import { AnalysisError } from '../errors/sluice-error.js'
import { TokenStream } from './token-stream.js'
import { fieldAccessKey } from '../eval/expr-output-name.js'
import { parseDataTypeAt } from './parse-data-type.js'
import { parseCallSuffix } from './window-spec-parser.js'
import { inSubquery, opensSubquery, parseSubqueryPlan, type NestedQueryParser } from './subquery-syntax.js'
import { subqueryExpr } from '../expr/subquery-expr.js'
import { bindLambdaParams, lambdaParamsAhead, skipLambdaHead } from './lambda-syntax.js'
import {
  binaryLiteral, intervalStringLiteral, MULTI_UNIT_WORDS, multiUnitIntervalLiteral, numberLiteral, singleFromToInterval,
  typedLiteral, UNIT_TO_UNIT_WORDS, unitToUnitIntervalLiteral, unitToUnitNeedsString, type IntervalUnitValue,
} from './literal-parser.js'
import type { Token } from './tokenizer.js'

/** Options of the SQL parsers. */
export interface SqlParseOptions {
  /** Session time zone for `TIMESTAMP '...'` literals; default 'UTC'. */
  readonly timeZone?: string
}

/** Words that end an expression, so they are never taken as an implicit alias. */
const RESERVED = new Set([
  'FROM', 'WHERE', 'GROUP', 'HAVING', 'ORDER', 'LIMIT', 'OFFSET', 'UNION', 'EXCEPT', 'INTERSECT', 'MINUS', 'JOIN', 'ON',
  'INNER', 'LEFT', 'RIGHT', 'FULL', 'CROSS', 'SEMI', 'ANTI', 'NATURAL', 'USING', 'AS', 'AND', 'OR', 'NOT', 'IS', 'IN',
  'LIKE', 'ILIKE', 'RLIKE', 'REGEXP', 'BETWEEN', 'WHEN', 'THEN', 'ELSE', 'END', 'CASE', 'SORT', 'CLUSTER', 'DISTRIBUTE',
  'WINDOW', 'LATERAL', 'OUTER', 'ASC', 'DESC', 'NULLS', 'ESCAPE', 'DIV', 'SELECT', 'FETCH', 'QUALIFY', 'TABLESAMPLE',
])

const COMPARISONS = new Set(['=', '==', '<=>', '<', '<=', '>', '>=', '!=', '<>'])
const TYPED_LITERAL_WORDS = new Set(['DATE', 'TIMESTAMP', 'TIMESTAMP_NTZ', 'TIMESTAMP_LTZ', 'TIME'])
/** `datediff(SECOND, a, b)` and friends take a bare unit word first; Spark names them timestampdiff/timestampadd. */
const TIMESTAMP_UNIT_FUNCTIONS: Readonly<Record<string, string>> = {
  timestampdiff: 'timestampdiff', datediff: 'timestampdiff', date_diff: 'timestampdiff',
  timestampadd: 'timestampadd', dateadd: 'timestampadd', date_add: 'timestampadd',
}
const DATETIME_UNITS = new Set(['YEAR', 'QUARTER', 'MONTH', 'WEEK', 'DAY', 'DAYOFYEAR', 'HOUR', 'MINUTE', 'SECOND', 'MILLISECOND', 'MICROSECOND'])

/**
 * Recursive-descent parser for Spark SQL expressions, following the precedence of
 * Spark's grammar: OR < AND < NOT < predicates (IS, IN, BETWEEN, LIKE) <
 * comparisons < `|` < `^` < `&` < `+ - ||` < `* / % DIV` < unary `- + ~` <
 * postfix (`[i]`, `.f`, `::type`) < primary.
 */
export class ExpressionParser {
  readonly timeZone: string
  /** Parses `(SELECT ...)` inside an expression; set by the query parser (a lone expression has no subqueries). */
  nestedQueryParser?: NestedQueryParser

  constructor(readonly stream: TokenStream, options: SqlParseOptions = {}) {
    this.timeZone = options.timeZone ?? 'UTC'
  }

  /** `expr [AS] alias`, as in a SELECT list. */
  parseNamedExpression(): Expr {
    const e = this.parseExpression()
    const alias = this.parseAlias()
    return alias === undefined ? e : Expr.alias(e, alias)
  }

  /** An optional `AS name` or bare non-reserved name. */
  parseAlias(): string | undefined {
    const s = this.stream
    if (s.acceptKeyword('AS')) {
      const t = s.next()
      if (t.kind !== 'ident' && t.kind !== 'quotedIdent' && t.kind !== 'string') throw s.error(t)
      return t.text
    }
    const t = s.peek()
    if (t.kind === 'quotedIdent' || (t.kind === 'ident' && !RESERVED.has(t.text.toUpperCase()))) {
      s.next()
      return t.text
    }
    return undefined
  }

  parseExpression(): Expr {
    return this.parseOr()
  }

  private parseOr(): Expr {
    let left = this.parseAnd()
    while (this.stream.acceptKeyword('OR')) left = Expr.call('or', [left, this.parseAnd()])
    return left
  }

  private parseAnd(): Expr {
    let left = this.parseNot()
    while (this.stream.acceptKeyword('AND')) left = Expr.call('and', [left, this.parseNot()])
    return left
  }

  private parseNot(): Expr {
    if (this.stream.acceptKeyword('NOT') || this.stream.acceptOp('!')) return Expr.call('not', [this.parseNot()])
    return this.parsePredicated()
  }

  private parsePredicated(): Expr {
    const s = this.stream
    const value = this.parseComparison()
    if (s.isKeyword('IS')) {
      s.next()
      const negated = s.acceptKeyword('NOT')
      let result: Expr
      if (s.acceptKeyword('NULL')) {
        return Expr.call(negated ? 'isnotnull' : 'isnull', [value])
      } else if (s.acceptKeyword('TRUE')) {
        result = Expr.call('<=>', [value, Expr.literal(true, BooleanType)])
      } else if (s.acceptKeyword('FALSE')) {
        result = Expr.call('<=>', [value, Expr.literal(false, BooleanType)])
      } else if (s.acceptKeyword('UNKNOWN')) {
        return Expr.call(negated ? 'isnotnull' : 'isnull', [value])
      } else if (s.acceptKeyword('DISTINCT', 'FROM')) {
        const other = this.parseComparison()
        const same = Expr.call('<=>', [value, other])
        return negated ? same : Expr.call('not', [same])
      } else {
        throw s.error()
      }
      return negated ? Expr.call('not', [result]) : result
    }
    const negated = s.isKeyword('NOT') && ['BETWEEN', 'IN', 'LIKE', 'ILIKE', 'RLIKE', 'REGEXP'].some((w) => s.isKeyword(w, 1))
    if (negated) s.next()
    const wrap = (e: Expr): Expr => (negated ? Expr.call('not', [e]) : e)
    if (s.acceptKeyword('BETWEEN')) {
      const lower = this.parseComparison()
      s.expectKeyword('AND')
      const upper = this.parseComparison()
      return wrap(Expr.call('between', [value, lower, upper]))
    }
    if (s.acceptKeyword('IN')) {
      if (opensSubquery(s)) return wrap(inSubquery(value, parseSubqueryPlan(s, this.nestedQueryParser)))
      s.expectOp('(')
      const list: Expr[] = []
      do list.push(this.parseExpression()); while (s.acceptOp(','))
      s.expectOp(')')
      return wrap(Expr.call('in', [value, ...list]))
    }
    for (const word of ['LIKE', 'ILIKE', 'RLIKE', 'REGEXP']) {
      if (s.acceptKeyword(word)) {
        const name = word === 'REGEXP' ? 'rlike' : word.toLowerCase()
        if (s.isKeyword('ANY') || s.isKeyword('ALL') || s.isKeyword('SOME')) {
          const quantifier = s.next().text.toLowerCase()
          s.expectOp('(')
          const patterns: Expr[] = []
          do patterns.push(this.parseExpression()); while (s.acceptOp(','))
          s.expectOp(')')
          const parts = patterns.map((p) => Expr.call(name, [value, p]))
          const joined = parts.reduce((a, b) => Expr.call(quantifier === 'all' ? 'and' : 'or', [a, b]))
          return wrap(joined)
        }
        const pattern = this.parseComparison()
        if (s.acceptKeyword('ESCAPE')) {
          const escape = s.next()
          if (escape.kind !== 'string') throw s.error(escape)
          return wrap(Expr.call(name, [value, pattern, Expr.literal(escape.text, StringType)]))
        }
        return wrap(Expr.call(name, [value, pattern]))
      }
    }
    if (negated) throw s.error()
    return value
  }

  private parseComparison(): Expr {
    let left = this.parseBitOr()
    for (;;) {
      const t = this.stream.peek()
      if (t.kind !== 'op' || !COMPARISONS.has(t.text)) return left
      this.stream.next()
      const right = this.parseBitOr()
      const op = t.text === '==' ? '=' : t.text === '<>' ? '!=' : t.text
      left = Expr.call(op, [left, right])
    }
  }

  private parseBitOr(): Expr {
    let left = this.parseBitXor()
    while (this.stream.isOp('|')) { this.stream.next(); left = Expr.call('|', [left, this.parseBitXor()]) }
    return left
  }

  private parseBitXor(): Expr {
    let left = this.parseBitAnd()
    while (this.stream.isOp('^')) { this.stream.next(); left = Expr.call('^', [left, this.parseBitAnd()]) }
    return left
  }

  private parseBitAnd(): Expr {
    let left = this.parseAdditive()
    while (this.stream.isOp('&')) { this.stream.next(); left = Expr.call('&', [left, this.parseAdditive()]) }
    return left
  }

  private parseAdditive(): Expr {
    let left = this.parseMultiplicative()
    for (;;) {
      const s = this.stream
      if (s.isOp('+') || s.isOp('-')) {
        const op = s.next().text
        left = Expr.call(op, [left, this.parseMultiplicative()])
      } else if (s.isOp('||')) {
        s.next()
        left = Expr.call('concat', [left, this.parseMultiplicative()])
      } else {
        return left
      }
    }
  }

  private parseMultiplicative(): Expr {
    let left = this.parseUnary()
    for (;;) {
      const s = this.stream
      if (s.isOp('*') || s.isOp('/') || s.isOp('%')) {
        const op = s.next().text
        left = Expr.call(op, [left, this.parseUnary()])
      } else if (s.isKeyword('DIV')) {
        s.next()
        left = Expr.call('div', [left, this.parseUnary()])
      } else {
        return left
      }
    }
  }

  private parseUnary(): Expr {
    const s = this.stream
    if (s.isOp('-')) {
      s.next()
      if (s.peek().kind === 'number') return this.parsePostfix(numberLiteral(s.next(), true))
      return Expr.call('negative', [this.parseUnary()])
    }
    if (s.isOp('+')) {
      s.next()
      return Expr.call('positive', [this.parseUnary()])
    }
    if (s.isOp('~')) {
      s.next()
      return Expr.call('~', [this.parseUnary()])
    }
    return this.parsePostfix(this.parsePrimary())
  }

  private parsePostfix(base: Expr): Expr {
    const s = this.stream
    let e = base
    for (;;) {
      if (s.acceptOp('[')) {
        const key = this.parseExpression()
        s.expectOp(']')
        e = Expr.extract(e, key)
      } else if (s.isOp('.') && (s.peek(1).kind === 'ident' || s.peek(1).kind === 'quotedIdent')) {
        s.next()
        const field = s.next().text
        e = e.kind === 'Column'
          ? Expr.column(...e.nameParts, field)
          : Expr.extract(e, fieldAccessKey(field))
      } else if (s.isOp('.') && s.isOp('*', 1) && e.kind === 'Column') {
        s.next(); s.next()
        e = Expr.star(e.nameParts.join('.'))
      } else if (s.acceptOp('::')) {
        e = Expr.cast(e, parseDataTypeAt(s))
      } else {
        return e
      }
    }
  }

  private parsePrimary(): Expr {
    const s = this.stream
    const lambdaParams = lambdaParamsAhead(s)
    if (lambdaParams !== undefined) {
      skipLambdaHead(s, lambdaParams)
      return bindLambdaParams(lambdaParams, this.parseExpression())
    }
    const t = s.peek()
    switch (t.kind) {
      case 'number': s.next(); return numberLiteral(t, false)
      case 'string': {
        s.next()
        let text = t.text
        while (s.peek().kind === 'string') text += s.next().text
        return Expr.literal(text, StringType)
      }
      case 'binary': s.next(); return binaryLiteral(t.text)
      case 'quotedIdent': s.next(); return Expr.column(t.text)
      case 'op':
        if (t.text === '(') {
          if (opensSubquery(s)) return subqueryExpr('scalar', parseSubqueryPlan(s, this.nestedQueryParser))
          s.next()
          const first = this.parseNamedExpression()
          if (s.acceptOp(',')) {
            const items = [first]
            do items.push(this.parseNamedExpression()); while (s.acceptOp(','))
            s.expectOp(')')
            return Expr.call('struct', items)
          }
          s.expectOp(')')
          return first
        }
        if (t.text === '*') { s.next(); return Expr.star() }
        throw s.error()
      case 'ident': return this.parseWord()
      default: throw s.error()
    }
  }

  /** A primary starting with a word: keyword constructs, function calls, column names. */
  private parseWord(): Expr {
    const s = this.stream
    const t = s.next()
    const word = t.text.toUpperCase()
    const nextIsParen = s.isOp('(')
    if (word === 'EXISTS' && opensSubquery(s)) return subqueryExpr('exists', parseSubqueryPlan(s, this.nestedQueryParser))
    switch (word) {
      case 'TRUE': return Expr.literal(true, BooleanType)
      case 'FALSE': return Expr.literal(false, BooleanType)
      case 'NULL': return Expr.literal(null, NullType)
      case 'CASE': return this.parseCase()
      // `interval(-30)` is a call of a function named interval (Spark: UNRESOLVED_ROUTINE), not a literal.
      case 'INTERVAL': if (!nextIsParen) return this.parseInterval(t); break
    }
    if ((word === 'CAST' || word === 'TRY_CAST') && nextIsParen) {
      s.next()
      const child = this.parseExpression()
      s.expectKeyword('AS')
      const type = parseDataTypeAt(s)
      s.expectOp(')')
      return Expr.cast(child, type, word === 'TRY_CAST' ? 'try' : 'cast')
    }
    if (s.peek().kind === 'string' && (TYPED_LITERAL_WORDS.has(word) || !RESERVED.has(word))) {
      return typedLiteral(word, s.next().text, this.timeZone)
    }
    if (nextIsParen) return parseCallSuffix(this, this.parseCall(t.text))
    // window is non-reserved in Spark: `window.start` after a windowed aggregation is a column.
    if (RESERVED.has(word) && word !== 'LEFT' && word !== 'RIGHT' && word !== 'WINDOW') throw s.error(t)
    return Expr.column(t.text)
  }

  private parseCase(): Expr {
    const s = this.stream
    const subject = s.isKeyword('WHEN') ? undefined : this.parseExpression()
    const branches: { when: Expr; then: Expr }[] = []
    while (s.acceptKeyword('WHEN')) {
      const condition = this.parseExpression()
      s.expectKeyword('THEN')
      const value = this.parseExpression()
      branches.push({ when: subject === undefined ? condition : Expr.call('=', [subject, condition]), then: value })
    }
    if (branches.length === 0) throw s.error()
    const otherwise = s.acceptKeyword('ELSE') ? this.parseExpression() : undefined
    s.expectKeyword('END')
    return Expr.caseWhen(branches, otherwise)
  }

  /**
   * Spark's interval literals after `INTERVAL`: `'1 day 2 hours'` (a typed literal),
   * `1 DAY 2 HOURS` / `'-100' DAY '40' HOUR` (multi-unit), `[+|-]'1-2' YEAR TO MONTH`
   * (unit to unit). Spark 4 types them ANSI intervals (see literal-parser.ts).
   */
  private parseInterval(start: Token): Expr {
    const s = this.stream
    const pairs: IntervalUnitValue[] = []
    let fromTo: { value: string; sign: '' | '+' | '-'; from: string; to: string } | undefined
    let last = start
    for (;;) {
      const t = s.peek()
      const signed = t.kind === 'op' && (t.text === '-' || t.text === '+') && (s.peek(1).kind === 'number' || s.peek(1).kind === 'string')
      const valueToken = signed ? s.peek(1) : t
      if (valueToken.kind !== 'number' && valueToken.kind !== 'string') break
      const unitToken = s.peek(signed ? 2 : 1)
      const unit = unitToken.kind === 'ident' ? unitToken.text.toUpperCase() : ''
      if (!MULTI_UNIT_WORDS.has(unit)) {
        if (pairs.length === 0 && fromTo === undefined && valueToken.kind === 'string' && !signed) {
          s.next()
          let text = valueToken.text
          while (s.peek().kind === 'string') text += s.next().text
          return intervalStringLiteral(text, this.sourceText(start, s.peek(-1)))
        }
        break
      }
      if (fromTo !== undefined) throw singleFromToInterval()
      const sign = signed ? (s.next().text as '+' | '-') : ''
      s.next()
      last = s.next()
      if (s.isKeyword('TO')) {
        s.next()
        const to = s.next()
        last = to
        if (to.kind !== 'ident' || !UNIT_TO_UNIT_WORDS.has(to.text.toUpperCase())) throw s.error(to)
        if (valueToken.kind !== 'string') throw unitToUnitNeedsString()
        if (pairs.length > 0) throw singleFromToInterval()
        fromTo = { value: valueToken.text, sign, from: unit, to: to.text }
        continue
      }
      pairs.push({ value: valueToken.text, isString: valueToken.kind === 'string', sign, unit: unit.toLowerCase() })
    }
    if (fromTo !== undefined) return unitToUnitIntervalLiteral(fromTo.value, fromTo.sign, fromTo.from, fromTo.to)
    if (pairs.length === 0) throw s.error()
    return multiUnitIntervalLiteral(pairs, this.sourceText(start, last))
  }

  /** The SQL text from the start of `first` to the end of `last`, as Spark quotes literals in errors. */
  private sourceText(first: Token, last: Token): string {
    return this.stream.sql.slice(first.offset, last.offset + last.raw.length)
  }

  /** `name(args)`, with `DISTINCT`, `*` (count(*) → count(1)) and SQL-standard forms of some functions. */
  private parseCall(name: string): Expr {
    const s = this.stream
    s.expectOp('(')
    const lower = name.toLowerCase()
    const special = this.parseSpecialCallForm(lower)
    if (special !== undefined) return special
    if (s.acceptOp(')')) return Expr.call(lower, [])
    if (s.isOp('*') && s.isOp(')', 1)) {
      s.next(); s.next()
      return Expr.call(lower, lower === 'count' ? [Expr.literal(1, IntegerType)] : [Expr.star()])
    }
    const distinct = s.acceptKeyword('DISTINCT')
    if (!distinct) s.acceptKeyword('ALL')
    const args: Expr[] = []
    do args.push(this.parseExpression()); while (s.acceptOp(','))
    s.expectOp(')')
    if (s.isKeyword('FILTER')) {
      throw new AnalysisError('UNSUPPORTED_FEATURE', `${s.peek().text.toUpperCase()} clauses of function calls are not supported.`)
    }
    return Expr.call(lower, args, distinct)
  }

  /** EXTRACT(f FROM x), SUBSTRING(x FROM a FOR b), TRIM(BOTH c FROM s), POSITION(a IN b); undefined otherwise. */
  private parseSpecialCallForm(name: string): Expr | undefined {
    const s = this.stream
    const timestampFunction = TIMESTAMP_UNIT_FUNCTIONS[name]
    if (timestampFunction !== undefined && s.peek().kind === 'ident' && s.isOp(',', 1) &&
      DATETIME_UNITS.has(s.peek().text.toUpperCase())) {
      const unit = s.next().text.toUpperCase()
      const args: Expr[] = [Expr.literal(unit, StringType)]
      while (s.acceptOp(',')) args.push(this.parseExpression())
      s.expectOp(')')
      return Expr.call(timestampFunction, args)
    }
    if ((name === 'extract') && s.peek().kind === 'ident' && s.isKeyword('FROM', 1)) {
      const field = s.next().text
      s.next()
      const source = this.parseExpression()
      s.expectOp(')')
      return Expr.call('extract', [Expr.literal(field, StringType), source])
    }
    if (name === 'trim' || name === 'ltrim' || name === 'rtrim') {
      const start = s.index
      const mode = s.acceptKeyword('BOTH') ? 'trim' : s.acceptKeyword('LEADING') ? 'ltrim' : s.acceptKeyword('TRAILING') ? 'rtrim' : undefined
      if (mode !== undefined || this.hasFromBeforeClose()) {
        const chars = s.isKeyword('FROM') ? undefined : this.parseExpression()
        s.expectKeyword('FROM')
        const source = this.parseExpression()
        s.expectOp(')')
        return Expr.call(mode ?? name, chars === undefined ? [source] : [source, chars])
      }
      s.reset(start)
      return undefined
    }
    if ((name === 'substring' || name === 'substr') && this.hasFromBeforeClose()) {
      const source = this.parseExpression()
      s.expectKeyword('FROM')
      const position = this.parseExpression()
      const length = s.acceptKeyword('FOR') ? this.parseExpression() : undefined
      s.expectOp(')')
      return Expr.call('substring', length === undefined ? [source, position] : [source, position, length])
    }
    if (name === 'position' && this.hasKeywordBeforeClose('IN')) {
      const needle = this.parseComparison()
      s.expectKeyword('IN')
      const haystack = this.parseExpression()
      s.expectOp(')')
      return Expr.call('locate', [needle, haystack])
    }
    return undefined
  }

  private hasFromBeforeClose(): boolean {
    return this.hasKeywordBeforeClose('FROM')
  }

  /** True when `word` appears at nesting depth 0 before the call's closing parenthesis. */
  private hasKeywordBeforeClose(word: string): boolean {
    let depth = 0
    for (let k = 0; ; k++) {
      const t = this.stream.peek(k)
      if (t.kind === 'eof') return false
      if (t.kind === 'op' && (t.text === '(' || t.text === '[')) depth++
      if (t.kind === 'op' && (t.text === ')' || t.text === ']')) {
        if (depth === 0) return false
        depth--
      }
      if (depth === 0 && t.kind === 'ident' && t.text.toUpperCase() === word) return true
    }
  }
}

/** Parses one SQL expression, with an optional alias (`"upper(name) AS n"`), as `expr()` / `selectExpr` do. */
export function parseExpression(text: string, options: SqlParseOptions = {}): Expr {
  const stream = new TokenStream(text)
  const parser = new ExpressionParser(stream, options)
  const e = parser.parseNamedExpression()
  stream.expectEnd()
  return e
}
