export * from './row.js'
export * from './decimal.js'
export * from './time-zone.js'
export * from './temporal.js'
