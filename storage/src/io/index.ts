export { writeFileAtomically, withTemporaryFile, type AtomicWriteOptions } from './atomic-write.js'
export { temporaryPathBeside, isHiddenFileName } from './temp-paths.js'
export { readTextChunks, DEFAULT_CHUNK_BYTES } from './text-chunks.js'
export {
  parseModeOf,
  corruptRecordColumnOf,
  malformedRecordError,
  DEFAULT_CORRUPT_RECORD_COLUMN,
  type ParseMode,
  type MalformedRecordDetails,
} from './parse-mode.js'
export { compileDatetimePattern, compileDatetimeFormatter, type DatetimePatternParser, type DatetimePatternFormatter } from './datetime-pattern.js'
