export * from './types.js'
export * from './data-type-sql.js'
export * from './value-format.js'
export * from './expr-output-name.js'
