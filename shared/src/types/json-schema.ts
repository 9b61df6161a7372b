/** Alias module: Spark's JSON schema format lives in `schema-json.ts` (other briefs name this path). Import from the barrel instead. */
export { dataTypeFromJson, dataTypeToJsonValue, schemaFromJson, schemaToJson } from './schema-json.js'
