export * from './file-format.js'
export * from './registry.js'
