import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { col, type Sluice } from '@sluice/client'
import { MemoryStream } from '@sluice/client/testing'
import { SESSION_MODES } from '../support/session-modes.js'
import { useModeSession } from '../support/mode-session-hooks.js'
import { listenerEventToJson, progressToJson, progressToPrettyJson, statusToJson } from '@sluice/coordinator'

// Spark's checkpoint files, read back after real queries and compared with Spark's formats
// (FORMATS.md §5 and §5.1, from apache/spark OffsetSeqLog, OffsetSeq.scala, CommitLog, StreamMetadata,
// FileStreamSourceLog / CompactibleFileStreamLog, FileStreamSinkLog, HDFSBackedStateStoreProvider),
// and the progress / listener JSON of progress.scala and StreamingQueryListener.scala (FORMATS.md §4).

let spark: Sluice
let root: string

const read = (...parts: string[]) => readFileSync(join(...parts), 'utf8')
const names = (...parts: string[]) => readdirSync(join(...parts)).filter((n) => !n.startsWith('.')).sort()
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

// The conf map of a Spark 4.0 offsets/N (OffsetSeqMetadata.json: json4s over a Scala HashMap, so this
// key order), values of a session with defaults; rowChecksum.enabled is Spark 4.1's addition (FORMATS.md §5).
const sparkConfLine = (shufflePartitions: string) =>
  '{"spark.sql.streaming.stateStore.providerClass":"org.apache.spark.sql.execution.streaming.state.HDFSBackedStateStoreProvider",' +
  '"spark.sql.streaming.stateStore.rocksdb.formatVersion":"5","spark.sql.streaming.stateStore.encodingFormat":"unsaferow",' +
  '"spark.sql.streaming.statefulOperator.useStrictDistribution":"true","spark.sql.streaming.flatMapGroupsWithState.stateFormatVersion":"2",' +
  '"spark.sql.streaming.multipleWatermarkPolicy":"min","spark.sql.streaming.stateStore.rowChecksum.enabled":"false",' +
  `"spark.sql.streaming.aggregation.stateFormatVersion":"2","spark.sql.shuffle.partitions":"${shufflePartitions}",` +
  '"spark.sql.streaming.join.stateFormatVersion":"2","spark.sql.streaming.stateStore.compression.codec":"lz4",' +
  '"spark.sql.optimizer.pruneFiltersCanPruneStreamingSubplan":"false"}'

/** offsets/N split as OffsetSeqLog writes it: `v1`, the metadata line, one line per source, no trailing newline. */
function offsetsFile(checkpoint: string, batchId: number) {
  const text = read(checkpoint, 'offsets', String(batchId))
  const [version, metadata, ...offsets] = text.split('\n')
  return { text, version, metadata: metadata!, offsets }
}

for (const mode of SESSION_MODES) describe(`guide: checkpoint and progress formats (${mode})`, () => {
  useModeSession(mode, 'guide-checkpoint-formats', (s) => { spark = s.spark })
  beforeAll(() => { root = mkdtempSync(join(tmpdir(), 'sluice-guide-ckpt-')) })
  afterAll(() => { rmSync(root, { recursive: true, force: true }) })

  describe('file source → file sink checkpoint', () => {
    const base = 1_700_000_000_000
    let checkpoint: string, input: string, output: string, queryId: string, sourceDescription: string | undefined
    const inputFiles: string[] = []

    beforeAll(async () => {
      checkpoint = join(root, 'files-ckpt')
      input = join(root, 'files-in')
      output = join(root, 'files-out')
      mkdirSync(input)
      for (let i = 0; i < 4; i++) {
        const file = join(input, `part-${i}.json`)
        writeFileSync(file, `{"id":${i},"word":"w${i}"}\n`)
        // Distinct modification times (whole seconds) so the source takes the files in a known order.
        utimesSync(file, (base + i * 1000) / 1000, (base + i * 1000) / 1000)
        inputFiles.push(file)
      }
      spark.conf.set('spark.sql.streaming.fileSource.log.compactInterval', '3')
      spark.conf.set('spark.sql.streaming.fileSink.log.compactInterval', '3')
      try {
        const query = await spark.readStream.format('json').schema('id INT, word STRING').option('maxFilesPerTrigger', 1).load(input)
          .writeStream.format('json').option('checkpointLocation', checkpoint).trigger({ availableNow: true }).start(output)
        await query.awaitTermination()
        queryId = query.id
        sourceDescription = query.lastProgress?.sources[0]?.description
      } finally {
        spark.conf.unset('spark.sql.streaming.fileSource.log.compactInterval')
        spark.conf.unset('spark.sql.streaming.fileSink.log.compactInterval')
      }
    })

    it('should describe the source in progress as FileStreamSource[<qualified Hadoop path>] (Path.toString: file:/…)', () => {
      expect(sourceDescription).toBe(`FileStreamSource[file:${input}]`)
    })

    it('should write metadata as the single JSON object {"id":<query id>} with no newline (StreamMetadata)', () => {
      expect(queryId).toMatch(UUID)
      expect(read(checkpoint, 'metadata')).toBe(`{"id":"${queryId}"}`)
    })

    it('should write offsets/N as v1, Spark\'s metadata line and {"logOffset":N} for the file source', () => {
      expect(names(checkpoint, 'offsets')).toEqual(['0', '1', '2', '3'])
      for (let batch = 0; batch < 4; batch++) {
        const file = offsetsFile(checkpoint, batch)
        expect(file.version).toBe('v1')
        expect(file.offsets).toEqual([`{"logOffset":${batch}}`])
        const match = /^\{"batchWatermarkMs":0,"batchTimestampMs":(\d+),"conf":(.*)\}$/.exec(file.metadata)
        expect(match, file.metadata).not.toBeNull()
        expect(Number(match![1])).toBeGreaterThan(base)
        expect(match![2]).toBe(sparkConfLine('200'))
      }
    })

    it('should write commits/N as v1 and {"nextBatchWatermarkMs":0}', () => {
      expect(names(checkpoint, 'commits')).toEqual(['0', '1', '2', '3'])
      for (let batch = 0; batch < 4; batch++) expect(read(checkpoint, 'commits', String(batch))).toBe('v1\n{"nextBatchWatermarkMs":0}')
    })

    it('should log each source batch in sources/0/N (file URI, mtime, batchId) and compact every compactInterval batches', () => {
      // FileEntry(path = status.getPath.toUri.toString, timestamp = modification time, batchId); N.compact when (N+1) % 3 == 0.
      const entry = (i: number) => JSON.stringify({ path: pathToFileURL(inputFiles[i]!).href, timestamp: base + i * 1000, batchId: i })
      expect(names(checkpoint, 'sources', '0')).toEqual(['0', '1', '2.compact', '3'])
      expect(read(checkpoint, 'sources', '0', '0')).toBe(`v1\n${entry(0)}`)
      expect(read(checkpoint, 'sources', '0', '1')).toBe(`v1\n${entry(1)}`)
      expect(read(checkpoint, 'sources', '0', '2.compact')).toBe(`v1\n${entry(0)}\n${entry(1)}\n${entry(2)}`)
      expect(read(checkpoint, 'sources', '0', '3')).toBe(`v1\n${entry(3)}`)
      expect(pathToFileURL(inputFiles[0]!).href.startsWith('file:///')).toBe(true)
    })

    it('should list each batch\'s data files in _spark_metadata/N as SinkFileStatus lines, compacting into N.compact', () => {
      const metadata = join(output, '_spark_metadata')
      expect(names(metadata)).toEqual(['0', '1', '2.compact', '3'])
      const dataFiles = names(output).filter((n) => n !== '_spark_metadata')
      expect(dataFiles).toHaveLength(4)
      const status = (file: string) => {
        const info = statSync(join(output, file))
        return JSON.stringify({
          path: pathToFileURL(join(output, file)).href, size: info.size, isDir: false, modificationTime: Math.floor(info.mtimeMs),
          blockReplication: 1, blockSize: 33554432, action: 'add',
        })
      }
      const byBatch = (name: string) => read(metadata, name).split('\n')
      const lines = ['0', '1', '3'].map(byBatch)
      for (const l of lines) {
        expect(l[0]).toBe('v1')
        expect(l).toHaveLength(2)
      }
      const compact = byBatch('2.compact')
      expect(compact[0]).toBe('v1')
      expect(compact.slice(1, 3)).toEqual([lines[0]![1], lines[1]![1]])
      const listed = [lines[0]![1], lines[1]![1], compact[3], lines[2]![1]]
      expect([...listed].sort()).toEqual(dataFiles.map(status).sort())
    })
  })

  describe('memory source → memory sink, aggregation with a watermark', () => {
    const minute = (m: number) => Date.UTC(2024, 0, 1, 12, m)
    let checkpoint: string
    let progressJson: string, progressPretty: string, statusJson: string
    const events: string[] = []
    let lastProgress: NonNullable<Awaited<ReturnType<typeof run>>['lastProgress']>

    async function run() {
      const input = new MemoryStream('time TIMESTAMP, word STRING')
      const counts = input.toDF().withWatermark('time', '1 minute').groupBy(col('word')).count()
      const listener = {
        onQueryStarted: (e: never) => { events.push(`started ${listenerEventToJson({ type: 'QueryStartedEvent', ...(e as object) } as never)}`) },
        onQueryTerminated: (e: never) => { events.push(`terminated ${listenerEventToJson({ type: 'QueryTerminatedEvent', ...(e as object) } as never)}`) },
      }
      spark.streams.addListener(listener)
      spark.conf.set('spark.sql.shuffle.partitions', '1')
      try {
        const query = await counts.writeStream.format('memory').queryName('ckpt_formats_counts').outputMode('update')
          .option('checkpointLocation', checkpoint).start()
        input.addData([new Date(minute(7)), 'dog'], [new Date(minute(9)), 'owl'])
        await query.processAllAvailable()
        input.addData([new Date(minute(10)), 'dog'])
        await query.processAllAvailable()
        const p = query.recentProgress.filter((r) => r.numInputRows > 0).at(-1)!
        progressJson = progressToJson(p)
        progressPretty = progressToPrettyJson(p)
        statusJson = statusToJson(query.status)
        await query.stop()
        await new Promise((resolve) => setTimeout(resolve, 20))
        return { lastProgress: p, id: query.id, runId: query.runId }
      } finally {
        spark.conf.unset('spark.sql.shuffle.partitions')
        spark.streams.removeListener(listener)
      }
    }

    let ids: { id: string; runId: string }
    beforeAll(async () => {
      checkpoint = join(root, 'memory-ckpt')
      const result = await run()
      lastProgress = result.lastProgress
      ids = result
    })

    // Batches: 0 (rows at 12:07, 12:09), 1 (no-data batch: the watermark moved to 12:08 and the aggregation has state),
    // 2 (row at 12:10), 3 (no-data batch to 12:09). A no-data batch logs the same offsets as the batch before it.
    it('should log the memory source\'s LongOffset as a bare number and the batch watermark in offsets/N', () => {
      expect(names(checkpoint, 'offsets')).toEqual(['0', '1', '2', '3'])
      const batches = [0, 1, 2, 3].map((b) => offsetsFile(checkpoint, b))
      for (const file of batches) {
        expect(file.version).toBe('v1')
        expect(file.offsets).toHaveLength(1)
        expect(file.offsets[0]).toMatch(/^\d+$/)
        expect(file.metadata.endsWith(`"conf":${sparkConfLine('1')}}`)).toBe(true)
      }
      // Spark's MemoryStream (execution/streaming/sources/memory.scala): LongOffset(-1) + 1 per addData call,
      // so the two calls log 0 and 1, whatever the number of rows each added.
      expect(batches.map((f) => f.offsets[0])).toEqual(['0', '0', '1', '1'])
      // batchWatermarkMs: 0, then max event time 12:09 − 1 minute, then 12:10 − 1 minute.
      expect(batches.map((f) => Number(/^\{"batchWatermarkMs":(\d+),"batchTimestampMs":\d+,"conf":/.exec(f.metadata)?.[1])))
        .toEqual([0, minute(8), minute(8), minute(9)])
    })

    it('should record the next batch\'s watermark in commits/N', () => {
      expect([0, 1, 2, 3].map((b) => read(checkpoint, 'commits', String(b)))).toEqual(
        [minute(8), minute(8), minute(9), minute(9)].map((ms) => `v1\n{"nextBatchWatermarkMs":${ms}}`),
      )
    })

    it('should keep state as state/<operatorId>/<partition>/<batchId + 1>.delta (HDFS-backed store layout)', () => {
      expect(names(checkpoint, 'state')).toEqual(['0'])
      expect(names(checkpoint, 'state', '0')).toContain('0')
      const files = names(checkpoint, 'state', '0', '0').filter((n) => n !== '_metadata')
      for (const f of files) expect(f).toMatch(/^\d+\.(delta|snapshot)$/)
      const committedBatches = names(checkpoint, 'commits').map(Number)
      const lastBatch = Math.max(...committedBatches)
      // Each committed batch N wrote version N + 1.
      expect(files.filter((f) => f.endsWith('.delta')).map((f) => Number.parseInt(f, 10)).sort((a, b) => a - b))
        .toEqual(committedBatches.map((b) => b + 1).filter((v) => v <= lastBatch + 1).sort((a, b) => a - b))
    })

    it('should render progress JSON with Spark\'s keys in order, numInputRows the sum over sources and offsets embedded as JSON', () => {
      const json = JSON.parse(progressJson) as Record<string, unknown>
      const keys = Object.keys(json)
      expect(keys.slice(0, 7)).toEqual(['id', 'runId', 'name', 'timestamp', 'batchId', 'batchDuration', 'numInputRows'])
      // Rates are omitted when NaN or infinite (safeDecimalToJValue), so they may be absent.
      const expected = ['id', 'runId', 'name', 'timestamp', 'batchId', 'batchDuration', 'numInputRows', 'inputRowsPerSecond',
        'processedRowsPerSecond', 'durationMs', 'eventTime', 'stateOperators', 'sources', 'sink']
      expect(keys).toEqual(expected.filter((k) => keys.includes(k)))
      expect(json).toMatchObject({ id: ids.id, runId: ids.runId, name: 'ckpt_formats_counts', batchId: lastProgress.batchId, numInputRows: 1 })
      expect(json.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
      expect(Object.keys(json.durationMs as object)).toEqual(Object.keys(json.durationMs as object).sort())
      expect(json.eventTime).toEqual({ avg: '2024-01-01T12:10:00.000Z', max: '2024-01-01T12:10:00.000Z', min: '2024-01-01T12:10:00.000Z', watermark: '2024-01-01T12:08:00.000Z' })
      const sources = json.sources as Record<string, unknown>[]
      expect(sources).toHaveLength(1)
      // Offsets embedded as JSON values (tryParse), the same as the batch's offsets/N lines.
      const start = Number(offsetsFile(checkpoint, 1).offsets[0])
      const end = Number(offsetsFile(checkpoint, 2).offsets[0])
      expect(json.batchId).toBe(2)
      expect([start, end]).toEqual([0, 1])
      expect(sources[0]).toMatchObject({ startOffset: start, endOffset: end, latestOffset: end, numInputRows: 1 })
      expect(Object.keys((json.stateOperators as object[])[0]!).slice(0, 11)).toEqual(['operatorName', 'numRowsTotal', 'numRowsUpdated',
        'allUpdatesTimeMs', 'numRowsRemoved', 'allRemovalsTimeMs', 'commitTimeMs', 'memoryUsedBytes', 'numRowsDroppedByWatermark',
        'numShufflePartitions', 'numStateStoreInstances'])
      expect((json.stateOperators as Record<string, unknown>[])[0]).toMatchObject({ operatorName: 'stateStoreSave', numRowsTotal: 2, numRowsUpdated: 1 })
      // Rates render with one decimal digit (JDecimal with scale 1), e.g. 12.0, never 12.
      for (const match of progressJson.matchAll(/"(?:input|processed)RowsPerSecond":([^,}]+)/g)) expect(match[1]).toMatch(/^\d+\.\d$/)
    })

    it('should render prettyJson in json4s\'s pretty layout with the same content', () => {
      expect(progressPretty.startsWith(`{\n  "id" : "${ids.id}",\n  "runId" : "${ids.runId}",\n  "name" : "ckpt_formats_counts",\n`)).toBe(true)
      expect(progressPretty).toContain('  "stateOperators" : [ {\n    "operatorName" : "stateStoreSave",')
      expect(JSON.parse(progressPretty)).toEqual(JSON.parse(progressJson))
    })

    it('should render the status as {message, isDataAvailable, isTriggerActive}', () => {
      expect(statusJson).toBe('{"message":"Waiting for data to arrive","isDataAvailable":false,"isTriggerActive":false}')
    })

    it('should give the listener events Spark\'s fields: started {id, runId, name, timestamp}, terminated {id, runId, exception, errorClassOnException}', () => {
      expect(events).toHaveLength(2)
      const started = JSON.parse(events[0]!.replace(/^started /, '')) as Record<string, unknown>
      expect(Object.keys(started)).toEqual(['id', 'runId', 'name', 'timestamp'])
      expect(started).toMatchObject({ id: ids.id, runId: ids.runId, name: 'ckpt_formats_counts' })
      expect(started.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
      expect(events[1]).toBe(`terminated {"id":"${ids.id}","runId":"${ids.runId}","exception":null,"errorClassOnException":null}`)
    })
  })

  describe('rate source offsets', () => {
    it('should log the rate source\'s offset (seconds since start) as a bare number', async () => {
      const checkpoint = join(root, 'rate-ckpt')
      const query = await spark.readStream.format('rate').option('rowsPerSecond', 5).load()
        .writeStream.format('memory').queryName('ckpt_formats_rate').option('checkpointLocation', checkpoint).start()
      const deadline = Date.now() + 10_000
      while (Date.now() < deadline && !query.recentProgress.some((p) => p.numInputRows > 0)) await new Promise((r) => setTimeout(r, 100))
      await query.stop()
      const batches = names(checkpoint, 'offsets')
      expect(batches.length).toBeGreaterThan(0)
      for (const batch of batches) {
        const file = offsetsFile(checkpoint, Number(batch))
        expect(file.version).toBe('v1')
        expect(file.offsets).toHaveLength(1)
        expect(file.offsets[0]).toMatch(/^\d+$/)
      }
    })
  })
})
