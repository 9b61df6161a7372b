import { AnalysisError, SystemClock, type SourceSpec } from '@sluice/shared'
import { RateStreamSource, SocketStreamSource, getMemoryStream, type StreamSource } from './row/index.js'
import { LocalCheckpointStore, type OffsetJson } from '../../checkpoint/index.js'
import { DeltaStreamSource } from './delta-stream-source.js'
import { RateMicroBatchSource } from './rate-micro-batch-source.js'
import type { SourceBatchInput, StreamingSourceRuntime } from './streaming-source.js'

/** Runtimes of the non-file sources (memory, rate, rate-micro-batch, socket, delta); undefined for an unknown format. */
export async function createExtraSourceRuntime(source: SourceSpec, sourceIndex: number, checkpointLocation: string, timeZone = 'UTC'): Promise<StreamingSourceRuntime | undefined> {
  const options = source.options
  switch (source.format) {
    case 'memory': return new RowSourceRuntime(getMemoryStream(options['id'] ?? ''))
    case 'rate': return new RowSourceRuntime(await RateStreamSource.create({
      rowsPerSecond: Number(options['rowspersecond'] ?? 1),
      numPartitions: Number(options['numpartitions'] ?? 1),
      rampUpTime: options['rampuptime'] ?? 0,
    }, { clock: new SystemClock(), metadata: { store: new LocalCheckpointStore(checkpointLocation), path: `sources/${sourceIndex}` } }))
    case 'rate-micro-batch': return new RateMicroBatchSource(options)
    case 'socket': {
      if (options['host'] === undefined || options['port'] === undefined) {
        throw new AnalysisError('INVALID_OPTIONS', 'The socket source needs the options host and port.')
      }
      return new RowSourceRuntime(await SocketStreamSource.connect({ host: options['host'], port: options['port'], includeTimestamp: options['includetimestamp'] ?? false }, new SystemClock()))
    }
    case 'delta': return new DeltaStreamSource(source, timeZone)
  }
  return undefined
}

/** A source that hands the coordinator its rows (memory, rate, socket); no rate limit. */
class RowSourceRuntime implements StreamingSourceRuntime {
  readonly description: string
  constructor(private readonly source: StreamSource) {
    this.description = source.description
  }
  async latestOffset(start: OffsetJson | null): Promise<OffsetJson | null> {
    return (await this.source.latestOffset()) ?? start
  }
  async getBatch(start: OffsetJson | null, end: OffsetJson): Promise<SourceBatchInput> {
    return { kind: 'rows', rows: await this.source.getBatch(start, end) }
  }
  commit(end: OffsetJson): Promise<void> { return this.source.commit(end) }
  stop(): Promise<void> { return this.source.stop() }
}
