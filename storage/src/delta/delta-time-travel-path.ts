import { AnalysisError } from '@sluice/shared'
import type { DeltaTimeTravel } from './delta-snapshot.js'

const AT_VERSION = /^(.+)@v(\d+)$/
const AT_TIMESTAMP = /^(.+)@(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{3})$/

/**
 * Where and when a batch Delta read looks: the path with Delta's `@` time-travel
 * suffix split off (`/t@v3`, `/t@20190101000000000` as yyyyMMddHHmmssSSS in UTC),
 * and the versionAsOf / timestampAsOf options. Time travel given both ways is
 * DELTA_UNSUPPORTED_TIME_TRAVEL_MULTIPLE_FORMATS. `timeZone` is the session's, for
 * timestampAsOf text and commit times in messages.
 */
export function deltaReadTarget(path: string, options: Readonly<Record<string, string>>, timeZone = 'UTC'): { path: string; travel: DeltaTimeTravel } {
  const fromOptions: DeltaTimeTravel = {
    ...(options['versionasof'] !== undefined ? { versionAsOf: Number(options['versionasof']) } : {}),
    ...(options['timestampasof'] !== undefined ? { timestampAsOf: options['timestampasof'] } : {}),
  }
  const version = AT_VERSION.exec(path)
  const timestamp = version ? null : AT_TIMESTAMP.exec(path)
  if (!version && !timestamp) return { path, travel: { ...fromOptions, timeZone } }
  if (Object.keys(fromOptions).length > 0) {
    throw new AnalysisError('DELTA_UNSUPPORTED_TIME_TRAVEL_MULTIPLE_FORMATS', 'Cannot specify time travel in multiple formats.')
  }
  if (version) return { path: version[1]!, travel: { versionAsOf: Number(version[2]) } }
  const [, base, y, mo, d, h, mi, s, ms] = timestamp!
  return { path: base!, travel: { timestampAsOf: Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(ms)), timeZone } }
}
