import { Expr, type SortOrderExpr } from '../expr/expr.js'
import { Plan, type JoinType, type LogicalPlan } from '../plan/logical-plan.js'
import { StructType } from '../types/data-type.js'
import { AnalysisError } from '../errors/sluice-error.js'
import { containsAggregate } from '../eval/expr-analysis.js'
import { exprOutputName } from '../eval/expr-output-name.js'
import { TokenStream } from './token-stream.js'
import { ExpressionParser, type SqlParseOptions } from './expression-parser.js'
import { inlineTable, rangeTable } from './inline-table.js'
import { parseSortDirection, parseWindowClause, substituteNamedWindows } from './window-spec-parser.js'

/** Formats a FROM clause may name as `format.\`path\`` (Spark SQL on files). */
const SQL_ON_FILE_FORMATS: ReadonlySet<string> = new Set(['json', 'parquet', 'csv', 'text', 'avro', 'delta', 'orc'])

interface GroupByClause {
  readonly grouping: readonly Expr[]
  readonly groupingSets?: readonly (readonly number[])[]
}

/**
 * Parser of Spark SQL queries into logical plans:
 * `SELECT [DISTINCT] items [FROM relation joins] [WHERE] [GROUP BY | CUBE | ROLLUP |
 * GROUPING SETS] [HAVING] [ORDER BY] [LIMIT]`, combined with `UNION | INTERSECT | EXCEPT (MINUS) [ALL | DISTINCT]`.
 */
export class QueryParser {
  private readonly expressions: ExpressionParser
  /** The select list of the last SELECT parsed, for ORDER BY ordinals. */
  private lastSelectItems: readonly Expr[] = []

  constructor(private readonly stream: TokenStream, options: SqlParseOptions = {}) {
    this.expressions = new ExpressionParser(stream, options)
    this.expressions.nestedQueryParser = () => this.parseNestedQuery()
  }

  /** A query inside an expression (a subquery); ORDER BY ordinals after it still refer to the enclosing select list. */
  private parseNestedQuery(): LogicalPlan {
    const enclosingItems = this.lastSelectItems
    const plan = this.parseQuery()
    this.lastSelectItems = enclosingItems
    return plan
  }

  /** Common table expressions in scope, by lower-case name. */
  private readonly ctes = new Map<string, LogicalPlan>()

  /** A full query: `WITH` definitions, set operations, then a trailing ORDER BY / LIMIT for the whole result. */
  parseQuery(): LogicalPlan {
    const s = this.stream
    if (s.acceptKeyword('WITH')) {
      do {
        const name = s.next()
        if (name.kind !== 'ident' && name.kind !== 'quotedIdent') throw s.error(name)
        s.expectKeyword('AS')
        s.expectOp('(')
        const definition = this.parseQuery()
        s.expectOp(')')
        this.ctes.set(name.text.toLowerCase(), Plan.subqueryAlias(definition, name.text))
      } while (s.acceptOp(','))
    }
    let plan = this.parseQueryTerm()
    for (;;) {
      if (s.acceptKeyword('UNION')) {
        const all = s.acceptKeyword('ALL')
        if (!all) s.acceptKeyword('DISTINCT')
        const right = this.parseQueryTerm()
        const union = Plan.union([plan, right])
        plan = all ? union : Plan.distinct(union)
      } else if (s.isKeyword('EXCEPT') || s.isKeyword('INTERSECT') || s.isKeyword('MINUS')) {
        const operation = s.next().text.toUpperCase() === 'INTERSECT' ? 'intersect' : 'except'
        const all = s.acceptKeyword('ALL')
        if (!all) s.acceptKeyword('DISTINCT')
        plan = Plan.setOperation(plan, this.parseQueryTerm(), operation, all)
      } else {
        break
      }
    }
    return this.parseOrderAndLimit(plan, this.lastSelectItems)
  }

  private parseQueryTerm(): LogicalPlan {
    const s = this.stream
    if (s.isOp('(')) {
      s.next()
      const inner = this.parseQuery()
      s.expectOp(')')
      return inner
    }
    if (!s.isKeyword('SELECT')) throw s.error()
    return this.parseSelect()
  }

  private parseSelect(): LogicalPlan {
    const s = this.stream
    s.expectKeyword('SELECT')
    const distinct = s.acceptKeyword('DISTINCT')
    if (!distinct) s.acceptKeyword('ALL')
    let items: Expr[] = []
    do items.push(this.expressions.parseNamedExpression()); while (s.acceptOp(','))
    this.lastSelectItems = items
    let plan: LogicalPlan = s.acceptKeyword('FROM') ? this.parseFrom() : Plan.localRelation(StructType([]), [[]])
    if (s.acceptKeyword('WHERE')) plan = Plan.filter(plan, this.expressions.parseExpression())
    const groupBy = s.acceptKeyword('GROUP', 'BY') ? this.parseGroupBy(items) : undefined
    let having = s.acceptKeyword('HAVING') ? this.expressions.parseExpression() : undefined
    if (s.acceptKeyword('WINDOW')) {
      const windows = parseWindowClause(this.expressions)
      items = items.map((i) => substituteNamedWindows(i, windows))
      having = having === undefined ? undefined : substituteNamedWindows(having, windows)
      this.lastSelectItems = items
    }
    if (groupBy !== undefined || having !== undefined || items.some(containsAggregate)) {
      plan = Plan.aggregate(plan, groupBy?.grouping ?? [], items, groupBy?.groupingSets)
      if (having !== undefined) plan = Plan.filter(plan, having)
    } else {
      plan = Plan.project(plan, items)
    }
    if (distinct) plan = Plan.distinct(plan)
    // ORDER BY / LIMIT directly after a SELECT in a union belong to the whole query in Spark
    // only when the SELECT is last; parseQuery applies them after the union.
    return plan
  }

  private parseOrderAndLimit(input: LogicalPlan, items: readonly Expr[]): LogicalPlan {
    const s = this.stream
    let plan = input
    if (s.acceptKeyword('ORDER', 'BY') || s.acceptKeyword('SORT', 'BY')) {
      const orders: SortOrderExpr[] = []
      do orders.push(this.parseSortOrder(items)); while (s.acceptOp(','))
      plan = Plan.sort(plan, orders)
    }
    if (s.acceptKeyword('LIMIT')) {
      if (s.acceptKeyword('ALL')) return plan
      const t = s.next()
      if (t.kind !== 'number' || !/^\d+$/.test(t.text)) throw s.error(t)
      plan = Plan.limit(plan, Number(t.text))
    }
    if (s.isKeyword('OFFSET')) throw new AnalysisError('UNSUPPORTED_FEATURE.OFFSET', 'OFFSET is not supported by Sluice.')
    return plan
  }

  private parseSortOrder(items: readonly Expr[]): SortOrderExpr {
    const s = this.stream
    let e = this.expressions.parseExpression()
    if (e.kind === 'Literal' && e.dataType.kind === 'integer' && items.length > 0) {
      const item = items[(e.value as number) - 1]
      if (item !== undefined) e = Expr.column(exprOutputName(item))
    }
    return parseSortDirection(s, e)
  }

  /** `GROUP BY a, 2, alias`, `CUBE(...)`, `ROLLUP(...)`, `GROUPING SETS (...)`, `... WITH ROLLUP|CUBE`. */
  private parseGroupBy(items: readonly Expr[]): GroupByClause {
    const s = this.stream
    const resolveItem = (e: Expr): Expr => {
      if (e.kind === 'Literal' && e.dataType.kind === 'integer') {
        const item = items[(e.value as number) - 1]
        if (item === undefined) {
          throw new AnalysisError('GROUP_BY_POS_OUT_OF_RANGE',
            `GROUP BY position ${String(e.value)} is not in select list (valid range is [1, ${items.length}]). SQLSTATE: 42805`,
            { index: String(e.value), size: String(items.length) })
        }
        return item.kind === 'Alias' ? item.child : item
      }
      if (e.kind === 'Column' && e.nameParts.length === 1) {
        const alias = items.find((i) => i.kind === 'Alias' && i.name.toLowerCase() === e.nameParts[0]!.toLowerCase())
        if (alias !== undefined && alias.kind === 'Alias' && !(alias.child.kind === 'Column' && alias.child.nameParts.length === 1)) {
          return alias.child
        }
      }
      return e
    }
    const grouping: Expr[] = []
    const indexOf = (e: Expr): number => {
      const key = JSON.stringify(e)
      let i = grouping.findIndex((g) => JSON.stringify(g) === key)
      if (i < 0) { grouping.push(e); i = grouping.length - 1 }
      return i
    }
    const parseList = (): number[] => {
      const out: number[] = []
      s.expectOp('(')
      if (!s.isOp(')')) {
        do out.push(indexOf(resolveItem(this.expressions.parseExpression()))); while (s.acceptOp(','))
      }
      s.expectOp(')')
      return out
    }
    if (s.isKeyword('ALL') && !s.isOp('(', 1)) {
      // GROUP BY ALL: every select item without an aggregate call (Spark 3.4+).
      s.next()
      return { grouping: items.filter((i) => !containsAggregate(i)).map((i) => (i.kind === 'Alias' ? i.child : i)) }
    }
    if (s.acceptKeyword('CUBE')) return { grouping, groupingSets: cubeSets(parseList()) }
    if (s.acceptKeyword('ROLLUP')) return { grouping, groupingSets: rollupSets(parseList()) }
    if (s.acceptKeyword('GROUPING', 'SETS')) {
      s.expectOp('(')
      const sets: number[][] = []
      do {
        if (s.isOp('(')) sets.push(parseList())
        else sets.push([indexOf(resolveItem(this.expressions.parseExpression()))])
      } while (s.acceptOp(','))
      s.expectOp(')')
      return { grouping, groupingSets: sets }
    }
    const plain: number[] = []
    do plain.push(indexOf(resolveItem(this.expressions.parseExpression()))); while (s.acceptOp(','))
    if (s.acceptKeyword('WITH', 'ROLLUP')) return { grouping, groupingSets: rollupSets(plain) }
    if (s.acceptKeyword('WITH', 'CUBE')) return { grouping, groupingSets: cubeSets(plain) }
    return { grouping }
  }

  /** FROM: relations separated by commas (cross joins), each followed by joins. */
  private parseFrom(): LogicalPlan {
    const s = this.stream
    let plan = this.parseJoinedRelation()
    while (s.acceptOp(',')) plan = Plan.join(plan, this.parseJoinedRelation(), 'cross')
    return plan
  }

  private parseJoinedRelation(): LogicalPlan {
    let plan = this.parseRelationPrimary()
    for (;;) {
      const joinType = this.parseJoinType()
      if (joinType === undefined) return plan
      const right = this.parseRelationPrimary()
      const s = this.stream
      if (s.acceptKeyword('ON')) {
        plan = Plan.join(plan, right, joinType, this.expressions.parseExpression())
      } else if (s.acceptKeyword('USING')) {
        s.expectOp('(')
        const names: string[] = []
        do {
          const t = s.next()
          if (t.kind !== 'ident' && t.kind !== 'quotedIdent') throw s.error(t)
          names.push(t.text)
        } while (s.acceptOp(','))
        s.expectOp(')')
        plan = Plan.join(plan, right, joinType, undefined, names)
      } else {
        plan = Plan.join(plan, right, joinType)
      }
    }
  }

  private parseJoinType(): JoinType | undefined {
    const s = this.stream
    if (s.acceptKeyword('JOIN') || s.acceptKeyword('INNER', 'JOIN')) return 'inner'
    if (s.acceptKeyword('CROSS', 'JOIN')) return 'cross'
    if (s.acceptKeyword('LEFT', 'OUTER', 'JOIN') || s.acceptKeyword('LEFT', 'JOIN')) return 'left'
    if (s.acceptKeyword('RIGHT', 'OUTER', 'JOIN') || s.acceptKeyword('RIGHT', 'JOIN')) return 'right'
    if (s.acceptKeyword('FULL', 'OUTER', 'JOIN') || s.acceptKeyword('FULL', 'JOIN')) return 'full'
    if (s.acceptKeyword('LEFT', 'SEMI', 'JOIN') || s.acceptKeyword('SEMI', 'JOIN')) return 'semi'
    if (s.acceptKeyword('LEFT', 'ANTI', 'JOIN') || s.acceptKeyword('ANTI', 'JOIN')) return 'anti'
    return undefined
  }

  private parseRelationPrimary(): LogicalPlan {
    const s = this.stream
    let plan: LogicalPlan
    if (s.isOp('(') && !(s.isKeyword('VALUES', 1))) {
      s.next()
      plan = this.parseQuery()
      s.expectOp(')')
    } else if (s.isKeyword('VALUES') || (s.isOp('(') && s.isKeyword('VALUES', 1))) {
      const parenthesized = s.acceptOp('(')
      s.expectKeyword('VALUES')
      const rows = this.parseValuesRows()
      if (parenthesized) s.expectOp(')')
      const alias = this.expressions.parseAlias()
      const columns = alias !== undefined && s.isOp('(') ? this.parseIdentifierList() : undefined
      const table = inlineTable(rows, columns, this.expressions.timeZone)
      return alias === undefined ? table : Plan.subqueryAlias(table, alias)
    } else {
      const t = s.next()
      if (t.kind !== 'ident' && t.kind !== 'quotedIdent') throw s.error(t)
      if (t.kind === 'ident' && t.text.toLowerCase() === 'range' && s.isOp('(')) {
        plan = rangeTable(this.parseRangeArguments())
      } else if (t.kind === 'ident' && SQL_ON_FILE_FORMATS.has(t.text.toLowerCase()) && s.isOp('.') && s.peek(1).kind === 'quotedIdent') {
        // Spark's ResolveSQLOnFile: format.`path` reads the files at path (a batch relation, schema inferred).
        s.next()
        plan = Plan.relation({ format: t.text.toLowerCase(), paths: [s.next().text], options: {}, streaming: false })
      } else {
        const parts = [t.text]
        while (s.isOp('.') && (s.peek(1).kind === 'ident' || s.peek(1).kind === 'quotedIdent')) {
          s.next()
          parts.push(s.next().text)
        }
        const cte = parts.length === 1 ? this.ctes.get(parts[0]!.toLowerCase()) : undefined
        plan = cte ?? Plan.tableRef(parts.join('.'))
      }
    }
    const alias = this.expressions.parseAlias()
    return alias === undefined ? plan : Plan.subqueryAlias(plan, alias)
  }

  /** `(1, 'a'), (2, 'b')` or `1, 2` after VALUES. */
  private parseValuesRows(): Expr[][] {
    const s = this.stream
    const rows: Expr[][] = []
    do {
      if (s.acceptOp('(')) {
        const row: Expr[] = []
        do row.push(this.expressions.parseExpression()); while (s.acceptOp(','))
        s.expectOp(')')
        rows.push(row)
      } else {
        rows.push([this.expressions.parseExpression()])
      }
    } while (s.acceptOp(','))
    return rows
  }

  private parseIdentifierList(): string[] {
    const s = this.stream
    const names: string[] = []
    s.expectOp('(')
    do {
      const t = s.next()
      if (t.kind !== 'ident' && t.kind !== 'quotedIdent') throw s.error(t)
      names.push(t.text)
    } while (s.acceptOp(','))
    s.expectOp(')')
    return names
  }

  /** The integer arguments of `range(...)`. */
  private parseRangeArguments(): bigint[] {
    const s = this.stream
    const args: bigint[] = []
    s.expectOp('(')
    do {
      const e = this.expressions.parseExpression()
      if (e.kind !== 'Literal' || (typeof e.value !== 'number' && typeof e.value !== 'bigint')) throw s.error()
      args.push(BigInt(e.value as number | bigint))
    } while (s.acceptOp(','))
    s.expectOp(')')
    if (args.length < 1 || args.length > 3) throw s.error()
    return args
  }
}

/** ROLLUP(a, b): (a, b), (a), (). */
function rollupSets(indexes: readonly number[]): number[][] {
  const sets: number[][] = []
  for (let n = indexes.length; n >= 0; n--) sets.push(indexes.slice(0, n))
  return sets
}

/** CUBE(a, b): (a, b), (a), (b), () — every subset, in Spark's order. */
function cubeSets(indexes: readonly number[]): number[][] {
  if (indexes.length === 0) return [[]]
  const [first, ...rest] = indexes
  const restSets = cubeSets(rest)
  return [...restSets.map((r) => [first!, ...r]), ...restSets]
}

/** Parses a Spark SQL query (`spark.sql(text)`) to a logical plan; PARSE_SYNTAX_ERROR with line and position on bad input. */
export function parseQuery(text: string, options: SqlParseOptions = {}): LogicalPlan {
  const stream = new TokenStream(text)
  const parser = new QueryParser(stream, options)
  const plan = parser.parseQuery()
  stream.acceptOp(';')
  stream.expectEnd()
  return plan
}
