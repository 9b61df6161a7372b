import { describe, expect, it } from 'vitest'
import { parseDDL } from './ddl-parser.js'
import { treeString } from './tree-string.js'

describe('treeString', () => {
  it('should print printSchema output for the course schema', () => {
    expect(treeString(parseDDL('Arrival_Time BIGINT, Device STRING NOT NULL, geolocation STRUCT<city: STRING, country: STRING>, x DOUBLE'))).toBe(
      'root\n' +
      ' |-- Arrival_Time: long (nullable = true)\n' +
      ' |-- Device: string (nullable = false)\n' +
      ' |-- geolocation: struct (nullable = true)\n' +
      ' |    |-- city: string (nullable = true)\n' +
      ' |    |-- country: string (nullable = true)\n' +
      ' |-- x: double (nullable = true)\n')
  })
  it('should print arrays with element and maps with key and value', () => {
    expect(treeString(parseDDL('a ARRAY<STRUCT<v: INT>>, m MAP<STRING, ARRAY<DECIMAL(5,2)>>'))).toBe(
      'root\n' +
      ' |-- a: array (nullable = true)\n' +
      ' |    |-- element: struct (containsNull = true)\n' +
      ' |    |    |-- v: integer (nullable = true)\n' +
      ' |-- m: map (nullable = true)\n' +
      ' |    |-- key: string\n' +
      ' |    |-- value: array (valueContainsNull = true)\n' +
      ' |    |    |-- element: decimal(5,2) (containsNull = true)\n')
  })
})
