import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileAtomically } from './write-file-atomically.js'
import { activityRecordToJson, ActivityRecordSource } from './activity-record.js'
import { SeededRandom } from './seeded-random.js'

/** Options of {@link generateActivityFiles}. */
export interface GenerateActivityOptions {
  /** Directory to write into (created if missing). */
  readonly outDir: string
  /** Number of files (default 20). */
  readonly files?: number
  /** Rows per file, malformed lines included (default 5000). */
  readonly rowsPerFile?: number
  /** PRNG seed (default 42): the same options give byte-identical files. */
  readonly seed?: number
  /** Milliseconds to wait between two files, to drip them into a streaming source (default 0). */
  readonly intervalMs?: number
  /** Fraction of lines, in [0, 1], replaced by malformed JSON (default 0). */
  readonly corruptRate?: number
  /** Arrival_Time of the first record, epoch ms (default 1424686735000, as in the course data). */
  readonly startTimeMs?: number
  /** File name prefix (default `part-`); names are `<prefix><5-digit number>.json`. */
  readonly filePrefix?: string
  /** Called after each file is visible. */
  readonly onFile?: (path: string, index: number) => void
}

/** What {@link generateActivityFiles} wrote. */
export interface GeneratedActivityFiles {
  readonly files: readonly string[]
  readonly rows: number
  readonly malformedLines: number
}

/**
 * Writes JSON Lines files of the course's phone accelerometer dataset (schema
 * `ACTIVITY_SCHEMA_DDL`), deterministically for a seed. Each file appears
 * atomically (written under a hidden temporary name, then renamed).
 *
 * @example
 * await generateActivityFiles({ outDir: 'data/activity-json/streaming', files: 20, rowsPerFile: 5000, seed: 42 })
 */
export async function generateActivityFiles(options: GenerateActivityOptions): Promise<GeneratedActivityFiles> {
  const fileCount = options.files ?? 20
  const rowsPerFile = options.rowsPerFile ?? 5000
  const corruptRate = options.corruptRate ?? 0
  const prefix = options.filePrefix ?? 'part-'
  const random = new SeededRandom(options.seed ?? 42)
  const source = new ActivityRecordSource(random, options.startTimeMs ?? 1_424_686_735_000)
  await mkdir(options.outDir, { recursive: true })
  const files: string[] = []
  let malformedLines = 0
  for (let fileIndex = 0; fileIndex < fileCount; fileIndex++) {
    if (fileIndex > 0 && (options.intervalMs ?? 0) > 0) await sleep(options.intervalMs!)
    const lines = new Array<string>(rowsPerFile)
    for (let row = 0; row < rowsPerFile; row++) {
      const line = activityRecordToJson(source.next())
      if (corruptRate > 0 && random.next() < corruptRate) {
        lines[row] = malformLine(line, random.nextInt(3))
        malformedLines++
      } else {
        lines[row] = line
      }
    }
    const path = join(options.outDir, `${prefix}${String(fileIndex).padStart(5, '0')}.json`)
    await writeFileAtomically(path, lines.join('\n') + '\n')
    files.push(path)
    options.onFile?.(path, fileIndex)
  }
  return { files, rows: fileCount * rowsPerFile, malformedLines }
}

/** A malformed variant of a JSON line: truncated, a broken value, or not JSON at all. */
function malformLine(line: string, kind: number): string {
  if (kind === 0) return line.slice(0, Math.floor(line.length / 2))
  if (kind === 1) return line.replace('"Device":', '"Device":nope,')
  return `corrupt record ${line.length}`
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
