import { describe, expect, it } from 'vitest'
import { progressFromJson, statusToJson } from './progress-from-json.js'
import { progressToJson } from './progress-json.js'

const SPARK_PROGRESS =
  '{"id":"q","runId":"r","name":null,"timestamp":"2016-12-05T20:54:20.827Z","batchId":3,"batchDuration":12,"numInputRows":5,' +
  '"processedRowsPerSecond":416.7,"durationMs":{"addBatch":9,"triggerExecution":12},"stateOperators":[{"operatorName":"stateStoreSave",' +
  '"numRowsTotal":4,"numRowsUpdated":1,"allUpdatesTimeMs":1,"numRowsRemoved":0,"allRemovalsTimeMs":0,"commitTimeMs":2,"memoryUsedBytes":600,' +
  '"numRowsDroppedByWatermark":0,"numShufflePartitions":1,"numStateStoreInstances":1}],' +
  '"sources":[{"description":"KafkaV2[Subscribe[t]]","startOffset":{"t":{"0":9007199254740993}},"endOffset":{"t":{"0":9007199254740998}},' +
  '"latestOffset":null,"numInputRows":5,"processedRowsPerSecond":416.7}],"sink":{"description":"MemorySink","numOutputRows":5}}'

describe('progressFromJson', () => {
  it('should read a progress back, keeping offsets exact and omitted rates as NaN', () => {
    const progress = progressFromJson(SPARK_PROGRESS)
    expect(progress.batchId).toBe(3)
    expect(progress.name).toBeNull()
    expect(progress.inputRowsPerSecond).toBeNaN()
    expect(progress.durationMs).toEqual({ addBatch: 9, triggerExecution: 12 })
    expect(progress.sources[0]!.startOffset).toBe('{"t":{"0":9007199254740993}}')
    expect(progress.stateOperators[0]!.memoryUsedBytes).toBe(600)
    expect(progress.sink).toEqual({ description: 'MemorySink', numOutputRows: 5, metrics: {} })
  })

  it('should round-trip through progressToJson unchanged', () => {
    expect(progressToJson(progressFromJson(SPARK_PROGRESS))).toBe(SPARK_PROGRESS)
  })

  it('should refuse JSON that is not a progress', () => {
    expect(() => progressFromJson('[1]')).toThrow(SyntaxError)
  })
})

describe('statusToJson', () => {
  it("should render Spark's status JSON", () => {
    expect(statusToJson({ message: 'Waiting for data to arrive', isDataAvailable: false, isTriggerActive: false })).toBe(
      '{"message":"Waiting for data to arrive","isDataAvailable":false,"isTriggerActive":false}',
    )
  })
})
