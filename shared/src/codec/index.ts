export * from './plan-json.js'
export { toTaggedJson, fromTaggedJson, type Json } from './tagged-json.js'
export { ROOT_PATH, memberPath, elementPath } from './json-path.js'
