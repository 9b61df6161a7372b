// What the coordinator and the executors both need about data at rest, without either
// one's runtime: file listing and partition discovery, the file formats (metadata,
// readers, writers), data-file writing, and the Delta log and writer.
export * from './formats/index.js'
export * from './formats/parquet/index.js'
export * from './files/file-listing.js'
export * from './files/write-data-files.js'
export { escapePathName, unescapePathName, partitionValueFormatter } from './files/partition-path.js'
export * from './delta/index.js'
export * from './io/task-abort.js'
