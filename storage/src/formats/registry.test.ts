import { describe, expect, it } from 'vitest'
import { SluiceError } from '@sluice/shared'
import { fileFormatNames, getFileFormat, registerFileFormat } from './registry.js'

describe('file format registry', () => {
  it('should find the built-in formats by name, case-insensitively', () => {
    expect(getFileFormat('JSON').name).toBe('json')
    expect(getFileFormat('csv').extension).toBe('.csv')
    expect(getFileFormat('text').name).toBe('text')
    expect(fileFormatNames()).toEqual(expect.arrayContaining(['avro', 'csv', 'json', 'parquet', 'text']))
  })

  it('should throw DATA_SOURCE_NOT_FOUND listing the known formats', () => {
    let caught: unknown
    try { getFileFormat('xml') } catch (error) { caught = error }
    expect(SluiceError.isInstance(caught)).toBe(true)
    expect((caught as SluiceError).errorClass).toBe('DATA_SOURCE_NOT_FOUND')
    expect((caught as SluiceError).message).toMatch(/Failed to find the data source: xml\. Known file formats: .*csv, json/)
  })

  it('should register a new format', () => {
    registerFileFormat({ name: 'Fake', extension: '.fake', read: async function* () {}, write: async (path) => ({ path, size: 0, numRows: 0 }) })
    expect(getFileFormat('fake').extension).toBe('.fake')
  })
})
