import type { Row, StructType } from '@sluice/shared'
import { compileDatetimePattern } from '../../io/datetime-pattern.js'
import { JsonSyntaxError } from './json-scanner.js'
import { compileObjectReader, JsonParseState, type FieldMismatch, type ObjectReader } from './json-value-readers.js'

/** Why one line is malformed: the 0-based offset in the line and the reason. */
export interface JsonLineProblem {
  readonly offset: number
  readonly field?: string
  readonly reason: string
}

/** A malformed line: the fields that did convert (undefined after a syntax error) and the problem. */
export interface JsonMalformedLine {
  readonly partialRow: Row | undefined
  readonly problem: JsonLineProblem
}

const OPEN_BRACE = 0x7b
const OPEN_BRACKET = 0x5b
const CLOSE_BRACKET = 0x5d
const COMMA = 0x2c

/**
 * Parses JSON Lines records into rows of `schema`, converting only the columns
 * in `requiredColumns` (others stay null) and leaving the corrupt-record column
 * (when `corruptColumnIndex >= 0`) to the caller. Reuse one parser for a whole
 * file: `parseLine(text, start, end)` reads the line `text[start, end)` and
 * returns its row, or null for a blank or malformed line; `malformed` then tells
 * which (it is undefined for a blank line).
 */
export class JsonLineParser {
  private readonly state: JsonParseState
  private readonly readObject: ObjectReader
  private readonly template: Row
  private currentText: string | undefined = undefined
  /** Set by `parseLine` when it returns null for a malformed line; undefined otherwise. */
  malformed: JsonMalformedLine | undefined = undefined
  /**
   * Set by `parseLine` when the line is a JSON array of objects, which Spark reads
   * as one row per element (it then returns null); undefined otherwise.
   */
  arrayRows: Row[] | undefined = undefined

  constructor(
    schema: StructType,
    requiredColumns: ReadonlySet<number> | undefined,
    corruptColumnIndex: number,
    timeZone: string,
    formats: { readonly timestampFormat?: string; readonly dateFormat?: string } = {},
  ) {
    this.state = new JsonParseState(
      timeZone,
      formats.timestampFormat === undefined ? undefined : compileDatetimePattern(formats.timestampFormat, timeZone, 'timestamp'),
      formats.dateFormat === undefined ? undefined : compileDatetimePattern(formats.dateFormat, timeZone, 'date'),
    )
    const wanted = new Set<number>()
    schema.fields.forEach((_, index) => {
      if (index !== corruptColumnIndex && (requiredColumns === undefined || requiredColumns.has(index))) wanted.add(index)
    })
    this.readObject = compileObjectReader(this.state, schema, wanted)
    this.template = new Array<unknown>(schema.fields.length).fill(null)
  }

  /** A fresh row of nulls in the schema's shape. */
  emptyRow(): Row {
    return this.template.slice()
  }

  parseLine(text: string, start: number, end: number): Row | null {
    const scanner = this.state.scanner
    if (this.currentText !== text) {
      scanner.reset(text)
      this.currentText = text
    }
    scanner.setRange(start, end)
    this.malformed = undefined
    this.arrayRows = undefined
    scanner.skipWhitespace()
    if (scanner.pos >= end) return null
    this.state.mismatch = undefined
    if (scanner.peek() === OPEN_BRACKET) return this.parseArrayLine(start, end)
    const row = this.template.slice()
    try {
      if (scanner.peek() !== OPEN_BRACE) scanner.fail('expected a JSON object')
      this.readObject(row)
      scanner.skipWhitespace()
      if (scanner.pos < end) scanner.fail('unexpected text after the JSON object')
    } catch (error) {
      if (!(error instanceof JsonSyntaxError)) throw error
      this.malformed = { partialRow: undefined, problem: { offset: error.position - start, reason: error.message } }
      return null
    }
    // The readers set it during readObject, which TypeScript cannot see.
    const mismatch = this.state.mismatch as FieldMismatch | undefined
    if (mismatch !== undefined) {
      this.malformed = { partialRow: row, problem: { offset: mismatch.position - start, field: mismatch.field, reason: mismatch.reason } }
      return null
    }
    return row
  }

  /** A line holding an array of objects: one row each (`[]` gives none); any other element makes it malformed. */
  private parseArrayLine(start: number, end: number): null {
    const scanner = this.state.scanner
    const rows: Row[] = []
    try {
      scanner.pos++
      scanner.skipWhitespace()
      if (scanner.peek() === CLOSE_BRACKET) {
        scanner.pos++
      } else {
        for (;;) {
          scanner.skipWhitespace()
          if (scanner.peek() !== OPEN_BRACE) scanner.fail('expected a JSON object in the array')
          const row = this.template.slice()
          this.readObject(row)
          rows.push(row)
          scanner.skipWhitespace()
          const next = scanner.peek()
          scanner.pos++
          if (next === COMMA) continue
          if (next === CLOSE_BRACKET) break
          scanner.fail("expected ',' or ']'", scanner.pos - 1)
        }
      }
      scanner.skipWhitespace()
      if (scanner.pos < end) scanner.fail('unexpected text after the JSON array')
    } catch (error) {
      if (!(error instanceof JsonSyntaxError)) throw error
      this.malformed = { partialRow: undefined, problem: { offset: error.position - start, reason: error.message } }
      return null
    }
    const mismatch = this.state.mismatch as FieldMismatch | undefined
    if (mismatch !== undefined) {
      this.malformed = { partialRow: undefined, problem: { offset: mismatch.position - start, field: mismatch.field, reason: mismatch.reason } }
      return null
    }
    this.arrayRows = rows
    return null
  }
}
