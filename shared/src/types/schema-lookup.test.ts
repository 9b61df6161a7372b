import { describe, expect, it } from 'vitest'
import { StringType, StructField, StructType } from './data-type.js'
import { parseDDL } from './ddl-parser.js'
import { findField, schemaFieldNames } from './schema-lookup.js'

const schema = parseDDL('id BIGINT NOT NULL, geolocation STRUCT<city: STRING NOT NULL, country: STRING>')

describe('schemaFieldNames', () => {
  it('should list top-level names in order', () => {
    expect(schemaFieldNames(schema)).toEqual(['id', 'geolocation'])
  })
})

describe('findField', () => {
  it('should find nested fields case-insensitively with their ordinals', () => {
    const found = findField(schema, ['GeoLocation', 'CITY'])
    expect(found?.field.name).toBe('city')
    expect(found?.ordinals).toEqual([1, 0])
    expect(found?.nullable).toBe(true)
    expect(findField(schema, ['id'])?.nullable).toBe(false)
  })
  it('should respect case sensitivity and return null when absent', () => {
    expect(findField(schema, ['ID'], true)).toBeNull()
    expect(findField(schema, ['id', 'x'])).toBeNull()
    expect(findField(schema, ['nope'])).toBeNull()
  })
  it('should prefer an exact name and refuse an ambiguous one', () => {
    const twins = StructType([StructField('a', StringType), StructField('A', StringType)])
    expect(findField(twins, ['A'])?.ordinals).toEqual([1])
    expect(findField(twins, ['a'])?.ordinals).toEqual([0])
    const twinsLower = StructType([StructField('ab', StringType), StructField('AB', StringType)])
    expect(() => findField(twinsLower, ['Ab'])).toThrow(/AMBIGUOUS_REFERENCE_TO_FIELDS/)
  })
})
