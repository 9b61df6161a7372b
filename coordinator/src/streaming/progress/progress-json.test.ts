import { describe, expect, it } from 'vitest'
import { parseJsonNode, renderCompact } from './json-text.js'
import { progressToJson, progressToPrettyJson, roundRateHalfUp } from './progress-json.js'
import type { StreamingQueryProgress } from './progress-types.js'

const progress: StreamingQueryProgress = {
  id: '8c0a2ec5-e3c6-4a1b-a2d8-0e1d5b6c7f81',
  runId: 'ae505c5a-a64e-4896-8c28-c7cbaf926f16',
  name: 'counts',
  timestamp: '2016-12-05T20:54:20.827Z',
  batchId: 2,
  batchDuration: 1043,
  durationMs: { walCommit: 5, triggerExecution: 1043, addBatch: 1000, latestOffset: 3 },
  eventTime: { watermark: '2016-12-05T20:54:00.000Z', max: '2016-12-05T20:54:19.000Z' },
  stateOperators: [
    {
      operatorName: 'stateStoreSave',
      numRowsTotal: 4,
      numRowsUpdated: 2,
      allUpdatesTimeMs: 10,
      numRowsRemoved: 0,
      allRemovalsTimeMs: 0,
      commitTimeMs: 7,
      memoryUsedBytes: 1024,
      numRowsDroppedByWatermark: 1,
      numShufflePartitions: 2,
      numStateStoreInstances: 2,
      customMetrics: { stateOnCurrentVersionSizeBytes: 500, loadedMapCacheHitCount: 3 },
    },
  ],
  sources: [
    {
      description: 'FileStreamSource[file:/in]',
      startOffset: '{"logOffset":1}',
      endOffset: '{"logOffset":2}',
      latestOffset: null,
      numInputRows: 10,
      inputRowsPerSecond: 4.25,
      processedRowsPerSecond: 9.587727708533079,
      metrics: {},
    },
  ],
  sink: { description: 'MemorySink', numOutputRows: -1, metrics: {} },
  observedMetrics: {},
  numInputRows: 10,
  inputRowsPerSecond: Number.POSITIVE_INFINITY,
  processedRowsPerSecond: 9.587727708533079,
}

describe('progressToJson', () => {
  it("should emit Spark's key order, sorted maps, parsed offsets, rounded rates, and omit empty maps and infinite rates", () => {
    expect(progressToJson(progress)).toBe(
      '{"id":"8c0a2ec5-e3c6-4a1b-a2d8-0e1d5b6c7f81","runId":"ae505c5a-a64e-4896-8c28-c7cbaf926f16","name":"counts",' +
        '"timestamp":"2016-12-05T20:54:20.827Z","batchId":2,"batchDuration":1043,"numInputRows":10,' +
        '"processedRowsPerSecond":9.6,' +
        '"durationMs":{"addBatch":1000,"latestOffset":3,"triggerExecution":1043,"walCommit":5},' +
        '"eventTime":{"max":"2016-12-05T20:54:19.000Z","watermark":"2016-12-05T20:54:00.000Z"},' +
        '"stateOperators":[{"operatorName":"stateStoreSave","numRowsTotal":4,"numRowsUpdated":2,"allUpdatesTimeMs":10,"numRowsRemoved":0,' +
        '"allRemovalsTimeMs":0,"commitTimeMs":7,"memoryUsedBytes":1024,"numRowsDroppedByWatermark":1,"numShufflePartitions":2,' +
        '"numStateStoreInstances":2,"customMetrics":{"loadedMapCacheHitCount":3,"stateOnCurrentVersionSizeBytes":500}}],' +
        '"sources":[{"description":"FileStreamSource[file:/in]","startOffset":{"logOffset":1},"endOffset":{"logOffset":2},"latestOffset":null,' +
        '"numInputRows":10,"inputRowsPerSecond":4.3,"processedRowsPerSecond":9.6}],' +
        '"sink":{"description":"MemorySink","numOutputRows":-1}}',
    )
  })

  it('should write a null name as null and keep a non-JSON offset as a string', () => {
    const json = JSON.parse(progressToJson({ ...progress, name: null, sources: [{ ...progress.sources[0]!, startOffset: 'not json' }] }))
    expect(json.name).toBeNull()
    expect(json.sources[0].startOffset).toBe('not json')
  })

  it('should render the json4s pretty layout', () => {
    const small: StreamingQueryProgress = {
      ...progress,
      durationMs: { triggerExecution: 2 },
      eventTime: {},
      stateOperators: [],
      sources: [{ ...progress.sources[0]!, startOffset: null, endOffset: '0', inputRowsPerSecond: 0, processedRowsPerSecond: 0, numInputRows: 0 }],
      numInputRows: 0,
      inputRowsPerSecond: 0,
      processedRowsPerSecond: 0,
    }
    expect(progressToPrettyJson(small)).toBe(
      [
        '{',
        '  "id" : "8c0a2ec5-e3c6-4a1b-a2d8-0e1d5b6c7f81",',
        '  "runId" : "ae505c5a-a64e-4896-8c28-c7cbaf926f16",',
        '  "name" : "counts",',
        '  "timestamp" : "2016-12-05T20:54:20.827Z",',
        '  "batchId" : 2,',
        '  "batchDuration" : 1043,',
        '  "numInputRows" : 0,',
        '  "inputRowsPerSecond" : 0.0,',
        '  "processedRowsPerSecond" : 0.0,',
        '  "durationMs" : {',
        '    "triggerExecution" : 2',
        '  },',
        '  "stateOperators" : [ ],',
        '  "sources" : [ {',
        '    "description" : "FileStreamSource[file:/in]",',
        '    "startOffset" : null,',
        '    "endOffset" : 0,',
        '    "latestOffset" : null,',
        '    "numInputRows" : 0,',
        '    "inputRowsPerSecond" : 0.0,',
        '    "processedRowsPerSecond" : 0.0',
        '  } ],',
        '  "sink" : {',
        '    "description" : "MemorySink",',
        '    "numOutputRows" : -1',
        '  }',
        '}',
      ].join('\n'),
    )
  })
})

describe('roundRateHalfUp', () => {
  it.each([
    [0, '0.0'],
    [0.05, '0.1'],
    [0.04999, '0.0'],
    [1.45, '1.5'], // binary 1.4499999… but Spark rounds the decimal form "1.45"
    [2.25, '2.3'],
    [9.95, '10.0'],
    [123456.789, '123456.8'],
    [1e-7, '0.0'],
    [5, '5.0'],
  ])('should round %s to %s', (value, expected) => {
    expect(roundRateHalfUp(value)).toBe(expected)
  })

  it('should give null for NaN and infinities', () => {
    expect(roundRateHalfUp(Number.NaN)).toBeNull()
    expect(roundRateHalfUp(Number.NEGATIVE_INFINITY)).toBeNull()
  })
})

describe('parseJsonNode', () => {
  it('should keep integers beyond 2^53 exactly', () => {
    expect(renderCompact(parseJsonNode(' {"t": {"0": 9007199254740993, "1": [1.50, -2e3]}} '))).toBe('{"t":{"0":9007199254740993,"1":[1.50,-2e3]}}')
  })

  it('should reject invalid JSON', () => {
    expect(() => parseJsonNode('{"a":}')).toThrow(SyntaxError)
    expect(() => parseJsonNode('1 2')).toThrow(SyntaxError)
  })
})
