import type { Row } from '@sluice/shared'
import { BenchSkipped, type BenchCase } from './bench-case.js'
import { COURSE_STRUCT, GT_COLUMN } from './course-schema.js'

type ReadJsonLines = (path: string, options: { schema: typeof COURSE_STRUCT; requiredColumns?: ReadonlySet<number>; options: Record<string, string> }) => AsyncIterable<Row[]>

async function jsonReader(): Promise<ReadJsonLines> {
  const executor = (await import('@sluice/executor')) as { readJsonLinesFile?: ReadJsonLines }
  if (executor.readJsonLinesFile === undefined) throw new BenchSkipped('@sluice/executor does not export readJsonLinesFile')
  return executor.readJsonLinesFile
}

function readerCase(name: string, description: string, requiredColumns: ReadonlySet<number> | undefined): BenchCase {
  let read: ReadJsonLines | undefined
  return {
    name,
    description,
    async setup() {
      read = await jsonReader()
    },
    async run(context) {
      let rows = 0
      let stand = 0
      for (const path of context.files) {
        for await (const batch of read!(path, { schema: COURSE_STRUCT, ...(requiredColumns ? { requiredColumns } : {}), options: {} })) {
          rows += batch.length
          for (const row of batch) if (row[GT_COLUMN] === 'stand') stand++
        }
      }
      return { rows, extra: { stand } }
    },
  }
}

/** The JSON reader alone, converting only `gt` (column pruning). */
export const jsonReaderGtOnlyCase = readerCase('json-reader-gt-only', "Sluice's JSON Lines reader, requiredColumns = {gt}", new Set([GT_COLUMN]))
/** The JSON reader alone, converting every column (BIGINTs exact). */
export const jsonReaderAllColumnsCase = readerCase('json-reader-all-columns', "Sluice's JSON Lines reader, all 12 columns", undefined)
