// Public surface of the Parquet format (storage/src/formats/parquet).
export { parquetFileFormat } from './parquet-format.js'
export { readParquetFile, openParquetFile, parquetFileSchema, PARQUET_READ_BATCH_ROWS, type ParquetReadOptions, type OpenedParquetFile } from './parquet-reader.js'
export { writeParquetFile, openParquetFileWriter, encodeParquet, parquetCodecFromOptions, DEFAULT_PARQUET_ROW_GROUP_ROWS, SPARK_ROW_METADATA_KEY } from './parquet-writer.js'
export { ParquetFileWriter } from './parquet-file-writer.js'
export { rowGroupRuledOut, type RowGroupPredicate } from './row-group-filter.js'
export { computeColumnStatistics, compareInternal, hasOrderedStats, type ColumnStatistics } from './column-stats.js'
export { sparkToParquetSchema, parquetNodeToSparkType, type ParquetSchemaNode } from './parquet-schema.js'
