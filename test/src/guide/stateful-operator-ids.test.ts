import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { col, count, expr, sum, window, type DataFrame } from '@sluice/client'
import { MemoryStream, addData, assertOnQuery, checkNewAnswer, startStream, testStream } from '@sluice/client/testing'
import { SESSION_MODES } from '../support/session-modes.js'
import { useModeSession } from '../support/mode-session-hooks.js'

// Spark's IncrementalExecution gives stateful operators their ids in `plan transform` (StateOpIdRule):
// a pre-order walk, so the top-most operator is 0 and its state lives in `state/0`; the progress lists
// operators as `lastExecution.executedPlan.collect { case p: StateStoreWriter => ... }` (ProgressReporter
// extractStateOperatorMetrics), also pre-order: the top-most operator first.

let checkpoint: string

const sec = (s: number) => new Date(Date.UTC(2024, 0, 1, 12, 0, s))

/** The operator whose fingerprint is in `state/<id>/0/_metadata/schema`. */
const operatorInFolder = (id: number) => JSON.parse(readFileSync(join(checkpoint, 'state', String(id), '0', '_metadata', 'schema'), 'utf8')) as { operatorName: string; valueSchema: string }

const stateOperators = (expected: readonly { operatorName: string; numRowsTotal: number }[]) => assertOnQuery((q) => {
  expect(q.lastProgress?.stateOperators.map((o) => ({ operatorName: o.operatorName, numRowsTotal: o.numRowsTotal }))).toEqual(expected)
}, `state operators ${JSON.stringify(expected)}`)

async function run(df: DataFrame, steps: Parameters<typeof testStream>[2]): Promise<void> {
  checkpoint = mkdtempSync(join(tmpdir(), 'sluice-operator-ids-'))
  try {
    await testStream(df, 'append', [startStream({ checkpointLocation: checkpoint }), ...steps])
  } finally {
    rmSync(checkpoint, { recursive: true, force: true })
  }
}

for (const mode of SESSION_MODES) describe(`guide: stateful operator ids (${mode})`, () => {
  useModeSession(mode, 'guide-stateful-operator-ids')

  describe('stateful operator ids top-down', () => {
    it('should give a window-over-window chain\'s outer aggregation id 0 and list it first', async () => {
      const input = new MemoryStream('time TIMESTAMP')
      const perFive = input.toDF().withWatermark('time', '10 seconds').groupBy(window(col('time'), '5 seconds')).agg(count('*').alias('events'))
      const perTwenty = perFive.groupBy(window(col('window'), '20 seconds')).agg(count('*').alias('windows'), sum('events').alias('events'))
        .select(expr('second(window.start)').alias('start'), col('windows'), col('events'))
      await run(perTwenty, [
        // Watermark stays 0 (6 s − 10 s): the 5-second windows [0,5) and [5,10) stay in the inner state, nothing reaches the outer.
        addData(input, sec(3), sec(4), sec(6)),
        checkNewAnswer(),
        stateOperators([{ operatorName: 'stateStoreSave', numRowsTotal: 0 }, { operatorName: 'stateStoreSave', numRowsTotal: 2 }]),
        // 21 s moves the watermark to 11 s: [0,5) and [5,10) close into the outer [0,20) (open until 20 s);
        // the inner keeps [10,15) and [20,25).
        addData(input, sec(13), sec(21)),
        checkNewAnswer(),
        stateOperators([{ operatorName: 'stateStoreSave', numRowsTotal: 1 }, { operatorName: 'stateStoreSave', numRowsTotal: 2 }]),
        assertOnQuery(() => {
          // Only the outer aggregation sums.
          expect(operatorInFolder(0).valueSchema).toContain('"name":"sum"')
          expect(operatorInFolder(1).valueSchema).not.toContain('"name":"sum"')
        }, 'state/0 is the outer aggregation, state/1 the inner'),
      ])
    })

    it('should give an aggregation over a stream-stream join id 0 and the join id 1', async () => {
      const impressions = new MemoryStream('adId INT, impressionTime TIMESTAMP')
      const clicks = new MemoryStream('clickAdId INT, clickTime TIMESTAMP')
      const joined = impressions.toDF().withWatermark('impressionTime', '0 seconds')
        .join(clicks.toDF().withWatermark('clickTime', '0 seconds'),
          expr('adId = clickAdId AND clickTime >= impressionTime AND clickTime <= impressionTime + interval 5 seconds'))
      const clicksPerWindow = joined.groupBy(window(col('impressionTime'), '10 seconds')).agg(count('*').alias('clicks'))
        .select(expr('second(window.start)').alias('start'), col('clicks'))
      await run(clicksPerWindow, [
        addData(impressions, [1, sec(1)], [2, sec(2)]),
        addData(clicks, [1, sec(3)], [2, sec(4)], [3, sec(4)]),
        checkNewAnswer(),
        // One window [0,10) with two joined rows; the join buffers both sides (2 impressions + 3 clicks).
        stateOperators([{ operatorName: 'stateStoreSave', numRowsTotal: 1 }, { operatorName: 'symmetricHashJoin', numRowsTotal: 5 }]),
        assertOnQuery(() => {
          expect(operatorInFolder(0).operatorName).toBe('stateStoreSave')
          expect(operatorInFolder(1).operatorName).toBe('symmetricHashJoin')
        }, 'state/0 is the aggregation, state/1 the join'),
        // Both watermarks pass 20 s: the window [0,10) closes with its two clicks.
        addData(impressions, [4, sec(25)]),
        addData(clicks, [4, sec(26)]),
        checkNewAnswer([0, 2n]),
      ])
    })

    it('should give a join of two aggregations id 0, then its left aggregation 1 and its right 2', async () => {
      const clicks = new MemoryStream('clickTime TIMESTAMP')
      const impressions = new MemoryStream('impressionTime TIMESTAMP')
      const hour = (h: number, m: number) => new Date(Date.UTC(2024, 0, 1, h, m))
      const clicksWindow = clicks.toDF().withWatermark('clickTime', '0 seconds').groupBy(window(col('clickTime'), '1 hour')).count()
      const impressionsWindow = impressions.toDF().withWatermark('impressionTime', '0 seconds').groupBy(window(col('impressionTime'), '1 hour')).count()
      await run(clicksWindow.join(impressionsWindow, 'window', 'inner'), [
        // Two click windows (10:00, 11:00), one impression window (10:00); the global watermark (10:01) closes none.
        addData(clicks, hour(10, 5), hour(11, 40)),
        addData(impressions, hour(10, 1)),
        checkNewAnswer(),
        stateOperators([
          { operatorName: 'symmetricHashJoin', numRowsTotal: 0 },
          { operatorName: 'stateStoreSave', numRowsTotal: 2 },
          { operatorName: 'stateStoreSave', numRowsTotal: 1 },
        ]),
      ])
    })
  })
})
