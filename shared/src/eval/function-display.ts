import type { Expr } from '../expr/expr.js'
import { lookupHigherOrderFunction } from '../functions/higher-order-functions.js'

/**
 * How Spark prints a function call in a column name: the arguments its
 * constructor fills in by default are printed too (`split(a, b)` is named
 * `split(a, b, -1)`), and some names print as another (`position(a IN b)` →
 * `locate(a, b, 1)`).
 */
export function functionDisplayArgs(name: string, args: readonly Expr[], printed: readonly string[]): { name: string; args: string[] } {
  const out = [...printed]
  const n = args.length
  if (lookupHigherOrderFunction(name, n) !== undefined) return { name, args: higherOrderDisplayArgs(name, args, out) }
  switch (name) {
    case 'substring': case 'substr': if (n === 2) out.push('2147483647'); break
    case 'replace': if (n === 2) out.push(''); break
    case 'split': if (n === 2) out.push('-1'); break
    case 'lpad': case 'rpad': if (n === 2) out.push(looksBinary(args[0]!) ? "X'00'" : ' '); break
    case 'instr': if (n === 3) out.push('1'); break
    case 'regexp_instr': if (n === 2) out.push('0'); break
    case 'regexp_extract': case 'regexp_extract_all': if (n === 2) out.push('1'); break
    case 'locate': case 'position': if (n === 2) out.push('1'); break
    case 'sort_array': if (n === 1) out.push('true'); break
    case 'round': case 'bround': if (n === 1) out.push('0'); break
    case 'percentile_approx': case 'approx_percentile': if (n === 2) out.push('10000'); break
    case 'from_unixtime': if (n === 1) out.push('yyyy-MM-dd HH:mm:ss'); break
    case 'unix_timestamp': case 'to_unix_timestamp': if (n === 1) out.push('yyyy-MM-dd HH:mm:ss'); else if (n === 0) out.push('current_timestamp()', 'yyyy-MM-dd HH:mm:ss'); break
    case 'months_between': if (n === 2) out.push('true'); break
    // Spark's interval constructors default missing fields to 0 and seconds to DECIMAL(18,6) 0.
    case 'make_interval': while (out.length < 7) out.push(out.length === 6 ? '0.000000' : '0'); break
    case 'make_dt_interval': while (out.length < 4) out.push(out.length === 3 ? '0.000000' : '0'); break
    case 'make_ym_interval': while (out.length < 2) out.push('0'); break
  }
  // from_json / from_csv hold the schema and options as fields, not children: only the text prints (interval.sql.out: `from_json({"a":"1"})`).
  if ((name === 'from_json' || name === 'from_csv') && out.length > 1) return { name, args: out.slice(0, 1) }
  // Spark's UnaryMathExpression(math.signum, "SIGNUM") prints its upper-case name (its alias `sign` prints as written).
  if (name === 'signum') return { name: 'SIGNUM', args: out }
  return { name, args: out }
}

function looksBinary(e: Expr): boolean {
  if (e.kind === 'Literal') return e.dataType.kind === 'binary'
  if (e.kind === 'Cast') return e.dataType.kind === 'binary'
  if (e.kind === 'Call') return ['unhex', 'binary', 'to_binary', 'encode', 'aes_encrypt', 'unbase64'].includes(e.name.toLowerCase())
  return false
}

/**
 * A higher-order function prints each function argument as a lambda: a plain
 * expression as the hidden lambda Spark wraps it in, and `aggregate` without a
 * finish function with its default identity lambda.
 */
function higherOrderDisplayArgs(name: string, args: readonly Expr[], printed: string[]): string[] {
  const definition = lookupHigherOrderFunction(name, args.length)!
  const lambda = (body: string, params: number): string => `lambdafunction(${[body, ...Array<string>(params).fill('namedlambdavariable()')].join(', ')})`
  const out = printed.map((text, i) => {
    const params = args[i]!.kind === 'LambdaFunction' ? undefined : definition.functionParams(i, undefined)
    return params === undefined ? text : lambda(text, params)
  })
  if ((name === 'aggregate' || name === 'reduce') && args.length === 3) out.push(lambda('namedlambdavariable()', 1))
  return out
}
