export * from './function-types.js'
export * from './catalog.js'
