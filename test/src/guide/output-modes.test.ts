import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { col, explode, split, window, expr, type DataFrame, type Sluice } from '@sluice/client'
import { MemoryStream, addData, checkAnswer, checkLastBatch, checkNewAnswer, testStream } from '@sluice/client/testing'
import { SESSION_MODES } from '../support/session-modes.js'
import { useModeSession } from '../support/mode-session-hooks.js'

// Structured Streaming Programming Guide, "Quick Example" and "Output Modes"
// (docs/streaming/getting-started.md, docs/streaming/apis-on-dataframes-and-datasets.md, Spark 3.5/4.x).

let spark: Sluice
let root: string

/** The guide's quick example: `lines.select(explode(split(lines.value, " ")).alias("word")).groupBy("word").count()`. */
const wordCounts = (lines: MemoryStream) => lines.toDF().select(explode(split(col('value'), ' ')).alias('word')).groupBy('word').count()

for (const mode of SESSION_MODES) describe(`guide: output modes (${mode})`, () => {
  useModeSession(mode, 'guide-output-modes', (s) => { spark = s.spark })
  beforeAll(() => { root = mkdtempSync(join(tmpdir(), 'sluice-guide-modes-')) })
  afterAll(() => { rmSync(root, { recursive: true, force: true }) })

  describe('Quick Example: word count over lines', () => {
    it('should print the whole updated result table after every trigger in complete mode', async () => {
      // The guide's netcat session: "apache spark" then "apache hadoop".
      const lines = new MemoryStream('value STRING')
      await testStream(wordCounts(lines), 'complete', [
        addData(lines, 'apache spark'),
        checkLastBatch(['apache', 1n], ['spark', 1n]),
        addData(lines, 'apache hadoop'),
        checkLastBatch(['apache', 2n], ['spark', 1n], ['hadoop', 1n]),
      ])
    })

    it('should write only the rows whose count changed in update mode', async () => {
      const lines = new MemoryStream('value STRING')
      await testStream(wordCounts(lines), 'update', [
        addData(lines, 'cat dog', 'dog dog'),
        checkLastBatch(['cat', 1n], ['dog', 3n]),
        addData(lines, 'owl cat'),
        checkLastBatch(['cat', 2n], ['owl', 1n]),
        addData(lines, ''),
        checkLastBatch(['', 1n]),
      ])
    })

    it('should refuse append mode for the word count: aggregates can change', async () => {
      const lines = new MemoryStream('value STRING')
      await expect(testStream(wordCounts(lines), 'append', [addData(lines, 'a'), checkAnswer()]))
        .rejects.toThrow(/Append output mode not supported when there are streaming aggregations on streaming DataFrames\/DataSets without watermark/)
    })

    it('should let spark.sql query the complete result table in a memory sink named by queryName', async () => {
      const lines = new MemoryStream('value STRING')
      lines.addData('to be or not to be')
      const query = await wordCounts(lines).writeStream.format('memory').queryName('guide_word_counts').outputMode('complete').start()
      await query.processAllAvailable()
      const rows = await spark.sql('SELECT word, count FROM guide_word_counts ORDER BY count DESC, word').collect()
      expect(rows).toEqual([
        { word: 'be', count: 2n }, { word: 'to', count: 2n }, { word: 'not', count: 1n }, { word: 'or', count: 1n },
      ])
      await query.stop()
    })
  })

  type Mode = 'append' | 'update' | 'complete'

  /** The guide's compatibility matrix: query type → supported output modes. */
  const MATRIX: { name: string; query: (input: MemoryStream) => DataFrame; allowed: Mode[] }[] = [
    {
      name: 'aggregation on event-time with watermark',
      query: (input) => input.toDF().withWatermark('time', '10 minutes').groupBy(window(col('time'), '10 minutes'), col('word')).count(),
      allowed: ['append', 'update', 'complete'],
    },
    { name: 'other aggregations', query: (input) => input.toDF().groupBy('word').count(), allowed: ['update', 'complete'] },
    { name: 'other queries (select, where)', query: (input) => input.toDF().where("word != 'x'").select('word'), allowed: ['append', 'update'] },
  ]

  describe('Output modes: the compatibility matrix', () => {
    for (const entry of MATRIX) {
      for (const mode of ['append', 'update', 'complete'] as const) {
        const allowed = entry.allowed.includes(mode)
        it(`should ${allowed ? 'run' : 'refuse'} ${entry.name} in ${mode} mode`, async () => {
          const input = new MemoryStream('time TIMESTAMP, word STRING')
          const started = entry.query(input).writeStream.format('memory').queryName(`guide_matrix_${entry.name.length}_${mode}`).outputMode(mode).start()
          if (!allowed) {
            await expect(started).rejects.toMatchObject({ name: 'AnalysisError' })
            return
          }
          const query = await started
          input.addData(['2024-01-01 12:07:00', 'dog'])
          await query.processAllAvailable()
          expect(query.exception()).toBeNull()
          await query.stop()
        })
      }
    }

    it('should keep every window in complete mode even when the watermark has passed it', async () => {
      // "Complete mode does not drop old aggregation state since by definition this mode preserves all data in the Result Table."
      const input = new MemoryStream('time TIMESTAMP, word STRING')
      const df = input.toDF().withWatermark('time', '10 minutes').groupBy(window(col('time'), '10 minutes'), col('word')).count()
        .select(expr("date_format(window.start, 'HH:mm')").alias('start'), col('word'), col('count'))
      await testStream(df, 'complete', [
        addData(input, ['2024-01-01 12:07:00', 'dog']),
        checkLastBatch(['12:00', 'dog', 1n]),
        addData(input, ['2024-01-01 13:00:00', 'cat']),
        checkLastBatch(['12:00', 'dog', 1n], ['13:00', 'cat', 1n]),
        // 12:03 is far behind the watermark (12:50), yet complete mode still counts it.
        addData(input, ['2024-01-01 12:03:00', 'dog']),
        checkLastBatch(['12:00', 'dog', 2n], ['13:00', 'cat', 1n]),
      ])
    })

    it('should treat update mode like append mode for a query without aggregation', async () => {
      // "If the query doesn't contain aggregations, it will be equivalent to append mode."
      const input = new MemoryStream('time TIMESTAMP, word STRING')
      await testStream(input.toDF().select(col('word')), 'update', [
        addData(input, ['2024-01-01 12:07:00', 'dog'], ['2024-01-01 12:08:00', 'owl']),
        checkNewAnswer('dog', 'owl'),
        addData(input, ['2024-01-01 12:09:00', 'cat']),
        checkNewAnswer('cat'),
        checkAnswer('dog', 'owl', 'cat'),
      ])
    })
  })
})
