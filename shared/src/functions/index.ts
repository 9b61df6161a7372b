export * from './function-types.js'
