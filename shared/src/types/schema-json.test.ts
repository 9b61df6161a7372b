import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ArrayType, IntegerType, MapType, StringType, StructField, StructType } from './data-type.js'
import { parseDDL } from './ddl-parser.js'
import { dataTypeFromJson, schemaFromJson, schemaToJson } from './schema-json.js'

// schemaStrings written by Delta (Spark) in the delta-golden tables.
const DELTA_MAP_SCHEMA = '{"type":"struct","fields":[{"name":"i","type":"integer","nullable":true,"metadata":{}},{"name":"a","type":{"type":"map","keyType":"integer","valueType":"integer","valueContainsNull":true},"nullable":true,"metadata":{}},{"name":"f","type":{"type":"map","keyType":"integer","valueType":{"type":"array","elementType":{"type":"struct","fields":[{"name":"val","type":"integer","nullable":true,"metadata":{}}]},"containsNull":true},"valueContainsNull":true},"nullable":true,"metadata":{}}]}'
const DELTA_DECIMAL_SCHEMA = '{"type":"struct","fields":[{"name":"part","type":"decimal(12,5)","nullable":true,"metadata":{}},{"name":"col1","type":"decimal(5,2)","nullable":true,"metadata":{}}]}'

describe('schemaToJson', () => {
  it('should write Spark JSON schemas', () => {
    expect(schemaToJson(StructType([StructField('a', IntegerType)]))).toBe('{"type":"struct","fields":[{"name":"a","type":"integer","nullable":true,"metadata":{}}]}')
    expect(schemaToJson(parseDDL("a ARRAY<STRING> NOT NULL COMMENT 'c'"))).toBe(
      '{"type":"struct","fields":[{"name":"a","type":{"type":"array","elementType":"string","containsNull":true},"nullable":false,"metadata":{"comment":"c"}}]}')
  })
  it('should round-trip Delta schemaStrings byte for byte', () => {
    expect(schemaToJson(schemaFromJson(DELTA_MAP_SCHEMA))).toBe(DELTA_MAP_SCHEMA)
    expect(schemaToJson(schemaFromJson(DELTA_DECIMAL_SCHEMA))).toBe(DELTA_DECIMAL_SCHEMA)
    expect(schemaFromJson(DELTA_MAP_SCHEMA).fields[2]!.dataType).toEqual(
      MapType(IntegerType, ArrayType(StructType([StructField('val', IntegerType)]))))
  })
  const golden = '/work/shared/data/delta-golden'
  it.skipIf(!existsSync(golden))('should round-trip every schemaString in the delta-golden tables', () => {
    let count = 0
    for (const table of readdirSync(golden)) {
      const log = join(golden, table, '_delta_log')
      if (!existsSync(log)) continue
      for (const file of readdirSync(log).filter((f) => f.endsWith('.json'))) {
        for (const line of readFileSync(join(log, file), 'utf8').split('\n')) {
          const schemaString = line.trim() === '' ? undefined : (JSON.parse(line) as { metaData?: { schemaString?: string } }).metaData?.schemaString
          if (schemaString === undefined) continue
          expect(schemaToJson(schemaFromJson(schemaString))).toBe(schemaString)
          count++
        }
      }
    }
    expect(count).toBeGreaterThan(0)
  })
})

describe('dataTypeFromJson', () => {
  it('should read primitive names and refuse unknown ones with the path', () => {
    expect(dataTypeFromJson('string')).toEqual(StringType)
    expect(() => dataTypeFromJson({ type: 'struct', fields: [{ name: 'a', type: 'strin' }] })).toThrow(/INVALID_JSON_DATA_TYPE.*\$\.fields\[0\]\.type/)
    expect(() => schemaFromJson('"integer"')).toThrow(/INVALID_JSON_SCHEMA/)
    expect(() => schemaFromJson('{')).toThrow(/INVALID_JSON_SCHEMA/)
  })
})
