import type { SessionBackend } from '../session/session-backend.js'
import { SourceBuilder } from '../dataframe/data-frame-reader.js'

/**
 * `spark.readStream` (PySpark's DataStreamReader): a file source needs a schema
 * (`.schema(ddl)`), as in Spark; options such as `maxFilesPerTrigger`,
 * `latestFirst`, `maxFileAge`, `cleanSource`; formats json, csv, text, parquet,
 * avro, delta, rate, rate-micro-batch, socket.
 */
export class DataStreamReader extends SourceBuilder {
  constructor(backend: SessionBackend) {
    super(backend, true)
  }
}
