import { AnalysisError } from '@sluice/shared'

/** The read options of `readStream.format("delta")` (Delta's DeltaReadOptions), checked. */
export interface DeltaSourceOptions {
  readonly maxFilesPerTrigger?: number
  readonly maxBytesPerTrigger?: number
  readonly startingVersion?: number | 'latest'
  readonly startingTimestamp?: string
  readonly ignoreDeletes: boolean
  readonly ignoreChanges: boolean
  readonly skipChangeCommits: boolean
  /** Fail when commits the stream needs were cleaned from the log (true by default). */
  readonly failOnDataLoss: boolean
}

/** Delta's default maxFilesPerTrigger when neither limit is set. */
export const DEFAULT_MAX_FILES_PER_TRIGGER = 1000

function illegalOption(name: string, value: string, explain: string): AnalysisError {
  return new AnalysisError('DELTA_ILLEGAL_OPTION', `Invalid value '${value}' for option '${name}', ${explain}`, { input: value, name, explain })
}

const BYTE_UNITS: Record<string, number> = { b: 1, k: 2 ** 10, kb: 2 ** 10, m: 2 ** 20, mb: 2 ** 20, g: 2 ** 30, gb: 2 ** 30, t: 2 ** 40, tb: 2 ** 40, p: 2 ** 50, pb: 2 ** 50 }

/** Spark's `JavaUtils.byteStringAsBytes`: `1048576`, `10k`, `1m`, `10g` (binary units); null when not a size. */
function byteStringAsBytes(text: string): number | null {
  const match = /^([0-9]+)\s*([a-z]+)?$/.exec(text.trim().toLowerCase())
  if (!match) return null
  const unit = match[2] === undefined ? 1 : BYTE_UNITS[match[2]]
  return unit === undefined ? null : Number(match[1]) * unit
}

function booleanOption(options: Readonly<Record<string, string>>, key: string, name: string, fallback = false): boolean {
  const value = options[key]
  if (value === undefined) return fallback
  const lower = value.trim().toLowerCase()
  if (lower !== 'true' && lower !== 'false') throw illegalOption(name, value, "must be 'true' or 'false'")
  return lower === 'true'
}

/** Parses the (lower-cased) source options; an invalid value is Delta's DELTA_ILLEGAL_OPTION. */
export function parseDeltaSourceOptions(options: Readonly<Record<string, string>>): DeltaSourceOptions {
  const files = options['maxfilespertrigger']
  if (files !== undefined && !(/^\d+$/.test(files.trim()) && Number(files) > 0)) throw illegalOption('maxFilesPerTrigger', files, 'must be a positive integer')
  const bytesText = options['maxbytespertrigger']
  const bytes = bytesText === undefined ? undefined : byteStringAsBytes(bytesText)
  if (bytesText !== undefined && !(bytes !== null && bytes !== undefined && bytes > 0)) throw illegalOption('maxBytesPerTrigger', bytesText, "must be a size configuration such as '10g'")
  const versionText = options['startingversion']
  let startingVersion: DeltaSourceOptions['startingVersion']
  if (versionText !== undefined) {
    if (versionText.trim().toLowerCase() === 'latest') startingVersion = 'latest'
    else if (/^\d+$/.test(versionText.trim())) startingVersion = Number(versionText)
    else throw illegalOption('startingVersion', versionText, 'must be greater than or equal to zero')
  }
  const startingTimestamp = options['startingtimestamp']
  if (startingVersion !== undefined && startingTimestamp !== undefined) {
    throw new AnalysisError('DELTA_STARTING_VERSION_AND_TIMESTAMP_BOTH_SET', "Please either provide 'startingVersion' or 'startingTimestamp'", { version: 'startingVersion', timestamp: 'startingTimestamp' })
  }
  return {
    ...(files !== undefined ? { maxFilesPerTrigger: Number(files) } : {}),
    ...(bytes !== undefined && bytes !== null ? { maxBytesPerTrigger: bytes } : {}),
    ...(startingVersion !== undefined ? { startingVersion } : {}),
    ...(startingTimestamp !== undefined ? { startingTimestamp } : {}),
    ignoreDeletes: booleanOption(options, 'ignoredeletes', 'ignoreDeletes'),
    ignoreChanges: booleanOption(options, 'ignorechanges', 'ignoreChanges'),
    skipChangeCommits: booleanOption(options, 'skipchangecommits', 'skipChangeCommits'),
    failOnDataLoss: booleanOption(options, 'failondataloss', 'failOnDataLoss', true),
  }
}
