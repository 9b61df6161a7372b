import { AnalysisError, parseTimeStringMs, type SessionConfig } from '@sluice/shared'
import { ClientCallbackSink } from './callback-sinks.js'
import { DeltaStreamingSink } from './delta-sink.js'
import { FileStreamSink } from './file-stream-sink.js'
import { MemorySink } from './memory-sink.js'
import { CLIENT_CALLBACK_SINKS, type ClientBatchCallback, type SinkDescriptor } from './sink-descriptor.js'
import type { OutputMode, StreamingSink } from './streaming-sink.js'

const FILE_SINKS = new Set(['json', 'csv', 'parquet', 'avro', 'text', 'orc'])

export interface SinkContext {
  readonly outputMode: OutputMode
  readonly conf: SessionConfig
  /** The user's code for foreach, foreachBatch and console sinks. */
  readonly callback?: ClientBatchCallback
  readonly queryName?: string
}

/**
 * The sink of a streaming query, built where the query runs (the embedded session or
 * the coordinator) from its description, with Spark's checks and messages.
 */
export function createStreamingSink(descriptor: SinkDescriptor, context: SinkContext): StreamingSink {
  const { format, path, options } = descriptor
  if (CLIENT_CALLBACK_SINKS.has(format)) {
    if (!context.callback) throw new AnalysisError('INTERNAL_ERROR', `The ${format} sink needs a callback in the client (this is a bug in Sluice).`)
    return new ClientCallbackSink(format, context.callback)
  }
  switch (format) {
    case 'memory':
      if (context.queryName === undefined) throw new AnalysisError('MEMORY_SINK_NEEDS_QUERY_NAME', 'queryName must be specified for memory sink: the result table is registered under that name.')
      return new MemorySink({ kind: 'struct', fields: [] })
    case 'noop':
      return { description: 'NoopTable$', addBatch: async () => undefined }
    case 'delta':
      if (context.outputMode === 'update') {
        // DeltaDataSource.createSink: the Delta sink appends or replaces the table, it cannot update rows.
        throw new AnalysisError('DELTA_UNSUPPORTED_OUTPUT_MODE', 'Data source org.apache.spark.sql.delta.sources.DeltaDataSource does not support Update output mode', {
          dataSource: 'org.apache.spark.sql.delta.sources.DeltaDataSource', mode: 'Update',
        })
      }
      if (path === undefined) throw pathRequired('delta')
      return new DeltaStreamingSink(path, descriptor.partitionBy, options)
    default: {
      if (!FILE_SINKS.has(format)) {
        throw new AnalysisError('UNSUPPORTED_DATA_SOURCE_FOR_STREAMING', `Data source ${format} does not support streamed writing. Supported: memory, console, noop, foreach, foreachBatch, delta, ${[...FILE_SINKS].join(', ')}.`)
      }
      if (path === undefined) throw pathRequired(format)
      if (context.outputMode !== 'append') {
        throw new AnalysisError('STREAMING_OUTPUT_MODE.UNSUPPORTED_DATASOURCE', `Invalid streaming output mode: ${context.outputMode}. Data source ${format} does not support ${context.outputMode} output mode: file sinks only append.`, { outputMode: context.outputMode })
      }
      const conf = context.conf
      return new FileStreamSink(path, format, descriptor.partitionBy, options, conf.get('spark.sql.session.timeZone') ?? 'UTC',
        conf.getNumber('spark.sql.streaming.fileSink.log.compactInterval'), {
          deleteExpiredLog: conf.getBoolean('spark.sql.streaming.fileSink.log.deletion'),
          cleanupDelayMs: parseTimeStringMs(conf.get('spark.sql.streaming.fileSink.log.cleanupDelay') ?? '10m'),
          minBatchesToRetain: conf.getNumber('spark.sql.streaming.minBatchesToRetain'),
        })
    }
  }
}

function pathRequired(format: string): AnalysisError {
  return new AnalysisError('PATH_NOT_SPECIFIED', `'path' is not specified for the ${format} sink: pass it to start(path).`)
}
