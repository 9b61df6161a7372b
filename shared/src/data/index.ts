export * from './row.js'
export * from './decimal.js'
export * from './twos-complement.js'
export * from './time-zone.js'
export * from './temporal.js'
export * from './public-values.js'
export * from './avro-long.js'
export * from './avro-schema.js'
export * from './avro-row-codec.js'
export {
  formatYearMonthInterval, formatDayTimeInterval, castStringToYearMonth, castStringToDayTime, IntervalFormatError,
  intervalDurationMicros,
  type IntervalStyle,
} from './ansi-interval.js'
export { formatTime, parseTime, truncateTime } from './time-of-day.js'
