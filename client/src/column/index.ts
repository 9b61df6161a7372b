export * from './column.js'
export * from './column-functions.js'
