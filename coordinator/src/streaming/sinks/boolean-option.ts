import { AnalysisError } from '@sluice/shared'

/**
 * A boolean data source option read as Spark's CaseInsensitiveStringMap.getBoolean:
 * `fallback` when absent, "true"/"false" in any case, else Spark's
 * IllegalArgumentException "<value> is not a boolean string." (no trimming).
 */
export function booleanOption(options: Readonly<Record<string, string>>, key: string, fallback: boolean): boolean {
  const value = options[key]
  if (value === undefined) return fallback
  if (value.toLowerCase() === 'true') return true
  if (value.toLowerCase() === 'false') return false
  throw new AnalysisError('ILLEGAL_ARGUMENT', `${value} is not a boolean string.`, { key, value })
}
