export { parseExpression, ExpressionParser, type SqlParseOptions } from './expression-parser.js'
export { parseQuery, QueryParser } from './query-parser.js'
export { TokenStream } from './token-stream.js'
export { tokenize as tokenizeSql, type Token as SqlToken } from './tokenizer.js'
