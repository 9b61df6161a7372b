import { ExecutionError } from '../errors/sluice-error.js'

/** ANSI ARITHMETIC_OVERFLOW for an operator whose try_ variant is `tryName`. */
export function arithmeticOverflowError(typeName: string, tryName: string): ExecutionError {
  const message = `${typeName} overflow.`
  return new ExecutionError('ARITHMETIC_OVERFLOW',
    `${message} Use '${tryName}' to tolerate overflow and return NULL instead. If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error. SQLSTATE: 22003`,
    { message, alternative: ` Use '${tryName}' to tolerate overflow and return NULL instead.`, config: '"spark.sql.ansi.enabled"' })
}

/** ANSI DIVIDE_BY_ZERO. */
export function divideByZeroError(): ExecutionError {
  return new ExecutionError('DIVIDE_BY_ZERO',
    'Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead. If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error. SQLSTATE: 22012',
    { config: '"spark.sql.ansi.enabled"' })
}

/** ANSI INVALID_ARRAY_INDEX for `arr[i]`. */
export function invalidArrayIndexError(index: number, size: number): ExecutionError {
  return new ExecutionError('INVALID_ARRAY_INDEX',
    `The index ${index} is out of bounds. The array has ${size} elements. Use the SQL function \`get()\` to tolerate accessing element at invalid index and return NULL instead. If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error. SQLSTATE: 22003`,
    { indexValue: String(index), arraySize: String(size), ansiConfig: '"spark.sql.ansi.enabled"' })
}
