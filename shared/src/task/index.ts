export * from './task.js'
export * from './written-file.js'
export * from './delta-files.js'
export * from './operator-metrics.js'
