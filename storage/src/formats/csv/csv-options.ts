import { AnalysisError } from '@sluice/shared'

/** CSV options, resolved from the lower-cased data source options with Spark's defaults. */
export interface CsvOptions {
  readonly separator: string
  readonly quote: string
  readonly escape: string
  readonly header: boolean
  readonly nullValue: string
  readonly emptyValue: string
  readonly nanValue: string
  readonly positiveInf: string
  readonly negativeInf: string
  readonly ignoreLeadingWhiteSpace: boolean
  readonly ignoreTrailingWhiteSpace: boolean
  /** Lines starting with this character are skipped; empty for none. */
  readonly comment: string
  readonly inferSchema: boolean
  readonly enforceSchema: boolean
  readonly quoteAll: boolean
  readonly escapeQuotes: boolean
  readonly timeZone: string
  /** Options `timestampFormat` and `dateFormat` (Spark datetime patterns); absent for the default forms. */
  readonly timestampFormat?: string
  readonly dateFormat?: string
}

const flag = (options: Readonly<Record<string, string>>, key: string, fallback: boolean): boolean => {
  const value = options[key]
  return value === undefined ? fallback : value.toLowerCase() === 'true'
}

function singleCharacter(name: string, value: string): string {
  const unescaped = value === '\\t' ? '\t' : value
  if (unescaped.length !== 1) {
    throw new AnalysisError('INVALID_CSV_OPTION', `The CSV option '${name}' must be a single character, got '${value}'.`, { option: name, value })
  }
  return unescaped
}

/**
 * Spark's CSV options: `sep`/`delimiter` (','), `quote` ('"'), `escape` ('\'),
 * `header` (false), `nullValue` (''), `emptyValue` (''), `nanValue`, `positiveInf`,
 * `negativeInf`, `ignoreLeadingWhiteSpace`/`ignoreTrailingWhiteSpace` (false when
 * reading, true when writing), `comment`, `inferSchema` (false), `enforceSchema`
 * (true), `quoteAll` (false), `escapeQuotes` (true), `timeZone` (UTC).
 */
export function resolveCsvOptions(options: Readonly<Record<string, string>>, forWriting = false): CsvOptions {
  return {
    separator: singleCharacter('sep', options['sep'] ?? options['delimiter'] ?? ','),
    quote: options['quote'] === '' ? '\u0000' : singleCharacter('quote', options['quote'] ?? '"'),
    escape: singleCharacter('escape', options['escape'] ?? '\\'),
    header: flag(options, 'header', false),
    nullValue: options['nullvalue'] ?? '',
    emptyValue: options['emptyvalue'] ?? (forWriting ? '""' : ''),
    nanValue: options['nanvalue'] ?? 'NaN',
    positiveInf: options['positiveinf'] ?? 'Inf',
    negativeInf: options['negativeinf'] ?? '-Inf',
    ignoreLeadingWhiteSpace: flag(options, 'ignoreleadingwhitespace', forWriting),
    ignoreTrailingWhiteSpace: flag(options, 'ignoretrailingwhitespace', forWriting),
    comment: options['comment'] ?? '',
    inferSchema: flag(options, 'inferschema', false),
    enforceSchema: flag(options, 'enforceschema', true),
    quoteAll: flag(options, 'quoteall', false),
    escapeQuotes: flag(options, 'escapequotes', true),
    timeZone: options['timezone'] ?? 'UTC',
    ...(options['timestampformat'] === undefined ? {} : { timestampFormat: options['timestampformat'] }),
    ...(options['dateformat'] === undefined ? {} : { dateFormat: options['dateformat'] }),
  }
}
