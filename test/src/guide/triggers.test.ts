import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { col, window, type Sluice } from '@sluice/client'
import { ManualClock, MemoryStream, addData, advanceClock, checkAnswer, checkNewAnswer, execute, startStream, testStream } from '@sluice/client/testing'
import { SESSION_MODES } from '../support/session-modes.js'
import { useModeSession } from '../support/mode-session-hooks.js'

// Structured Streaming Programming Guide, "Triggers" (docs/streaming/apis-on-dataframes-and-datasets.md).

let spark: Sluice
let root: string

/** A folder with `files` JSON-lines files of `rowsPerFile` rows each ({n}). */
function jsonFolder(name: string, files: number, rowsPerFile: number): string {
  const dir = join(root, name)
  mkdirSync(dir, { recursive: true })
  let n = 0
  for (let f = 0; f < files; f++) {
    writeFileSync(join(dir, `part-${f}.json`), Array.from({ length: rowsPerFile }, () => JSON.stringify({ n: n++ })).join('\n') + '\n')
  }
  return dir
}

for (const mode of SESSION_MODES) describe(`guide: triggers (${mode})`, () => {
  useModeSession(mode, 'guide-triggers', (s) => { spark = s.spark })
  beforeAll(() => { root = mkdtempSync(join(tmpdir(), 'sluice-guide-triggers-')) })
  afterAll(() => { rmSync(root, { recursive: true, force: true }) })

  // Embedded only: a ManualClock drives the trigger, and the clock lives in this process (a remote query runs on the coordinator's).
  describe.runIf(mode === 'embedded')('fixed interval micro-batches (processingTime)', () => {
    it('should start a batch at each interval boundary, only when there is new data', async () => {
      const input = new MemoryStream('value INT')
      const clock = new ManualClock(0)
      await testStream(input.toDF(), 'append', [
        startStream({ trigger: { processingTime: '10 seconds' }, clock }),
        addData(input, 1, 2),
        // before the boundary nothing runs
        advanceClock(9_999),
        checkAnswer(),
        advanceClock(1),
        checkAnswer(1, 2),
        // "If no new data is available, then no micro-batch will be kicked off."
        advanceClock(10_000),
        advanceClock(10_000),
        execute(({ sink }) => { expect(sink.batches.map((b) => b.batchId)).toEqual([0]) }),
        addData(input, 3),
        advanceClock(10_000),
        checkNewAnswer(3),
        execute(({ query, sink }) => {
          expect(sink.batches.map((b) => b.batchId)).toEqual([0, 1])
          expect(query.recentProgress.filter((p) => p.numInputRows > 0).map((p) => [p.batchId, p.timestamp]))
            .toEqual([[0, new Date(10_000).toISOString()], [1, new Date(40_000).toISOString()]])
        }),
      ])
    })
  })

  describe('one-time micro-batch (once)', () => {
    it('should process everything available in exactly one batch, ignoring maxFilesPerTrigger, then stop', async () => {
      const dir = jsonFolder('once', 3, 4)
      const query = await spark.readStream.format('json').schema('n INT').option('maxFilesPerTrigger', 1).load(dir)
        .writeStream.format('memory').queryName('guide_trigger_once').trigger({ once: true }).start()
      expect(await query.awaitTermination(30_000)).toBe(true)
      expect(query.isActive).toBe(false)
      expect(query.recentProgress.map((p) => p.numInputRows)).toEqual([12])
      expect(await spark.sql('SELECT count(*) AS c FROM guide_trigger_once').collect()).toEqual([{ c: 12n }])
    })
  })

  describe('available-now micro-batch (availableNow)', () => {
    it('should process everything available in several batches as maxFilesPerTrigger says, then stop', async () => {
      const dir = jsonFolder('available-now', 3, 4)
      const query = await spark.readStream.format('json').schema('n INT').option('maxFilesPerTrigger', 1).load(dir)
        .writeStream.format('memory').queryName('guide_trigger_available_now').trigger({ availableNow: true }).start()
      expect(await query.awaitTermination(30_000)).toBe(true)
      expect(query.recentProgress.map((p) => p.numInputRows)).toEqual([4, 4, 4])
      expect(await spark.sql('SELECT count(*) AS c, sum(n) AS s FROM guide_trigger_available_now').collect()).toEqual([{ c: 12n, s: 66n }])
    })

    it('should advance the watermark per batch and run a no-data batch before terminating', async () => {
      // "Watermark gets advanced per each batch, and no-data batch gets executed before termination if the last batch advances the watermark."
      const input = new MemoryStream('time TIMESTAMP')
      const minute = (m: number) => new Date(Date.UTC(2024, 0, 1, 12, m))
      input.addData(minute(1), minute(2), minute(14))
      const df = input.toDF().withWatermark('time', '1 minute').groupBy(window(col('time'), '10 minutes')).count()
        .select(col('window.start'), col('count'))
      const run = await testStream(df, 'append', [
        startStream({ trigger: { availableNow: true } }),
        checkNewAnswer([minute(0), 2n]),
      ])
      const progress = run.lastQuery!.recentProgress
      expect(progress.map((p) => p.numInputRows)).toEqual([3, 0])
      expect(progress.at(-1)?.eventTime['watermark']).toBe(minute(13).toISOString())
      expect(run.lastQuery!.isActive).toBe(false)
    })
  })

  describe('continuous trigger', () => {
    it('should refuse continuous processing', () => {
      const input = new MemoryStream('value INT')
      expect(() => input.toDF().writeStream.format('memory').queryName('guide_continuous').trigger({ continuous: '1 second' }))
        .toThrow(/CONTINUOUS_PROCESSING/)
    })
  })
})
