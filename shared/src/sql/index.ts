export * from './tokenizer.js'
export * from './parse-data-type.js'
export * from './expression-parser.js'
