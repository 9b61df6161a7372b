/** Alias module: the DDL parser lives in `ddl-parser.ts` (other briefs name this path). Import from the barrel instead. */
export { parseDataType, parseDDL } from './ddl-parser.js'
