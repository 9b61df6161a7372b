import { CheckpointError, CheckpointErrorClass } from './checkpoint-error.js'

/**
 * Reads the version line of a log file (`v1`) as Spark's `validateVersion` does:
 * a version above `maxSupported` is refused as unsupported (written by a newer
 * build), anything that is not `v<digits>` as corrupt.
 */
export function parseLogVersion(line: string | undefined, maxSupported: number, file: string): number {
  const text = (line ?? '').trim()
  const match = /^v(\d+)$/.exec(text)
  if (match === null) {
    throw new CheckpointError(
      CheckpointErrorClass.CORRUPT,
      file,
      `Log file ${file} was malformed: failed to detect the log file version line (found '${text.slice(0, 40)}').`,
    )
  }
  const version = Number(match[1])
  if (version < 1 || version > maxSupported) {
    throw new CheckpointError(
      CheckpointErrorClass.UNSUPPORTED_VERSION,
      file,
      `Log file ${file} has version v${version}, but the maximum supported log version is v${maxSupported}. ` +
        `It was produced by a newer version and cannot be read by this one.`,
    )
  }
  return version
}

/** JSON.parse that reports a corrupt checkpoint file instead of a SyntaxError. */
export function parseCheckpointJson(text: string, file: string, what: string, line?: number): unknown {
  try {
    return JSON.parse(text)
  } catch (cause) {
    const where = line === undefined ? '' : `, line ${line}`
    throw new CheckpointError(
      CheckpointErrorClass.CORRUPT,
      file,
      `Cannot parse the ${what} in ${file}${where}: ${(cause as Error).message}. The file is corrupt or truncated.`,
      cause,
    )
  }
}

export function corruptLogFile(file: string, reason: string): CheckpointError {
  return new CheckpointError(CheckpointErrorClass.CORRUPT, file, `Log file ${file} is corrupt: ${reason}.`)
}
