/**
 * A hand-written scanner over one JSON text held in a larger string (a chunk of
 * a JSON Lines file), bounded to `[pos, end)`. It reads strings, numbers and
 * literals, and skips whole values without building them (strings by jumping to
 * the next quote, containers by walking their structure), so a reader pays only
 * for the fields it converts. Syntax errors throw {@link JsonSyntaxError}.
 */

const QUOTE = 0x22
const BACKSLASH = 0x5c
const OPEN_BRACE = 0x7b
const CLOSE_BRACE = 0x7d
const OPEN_BRACKET = 0x5b
const CLOSE_BRACKET = 0x5d
const COLON = 0x3a
const COMMA = 0x2c
const MINUS = 0x2d
const PLUS = 0x2b
const DOT = 0x2e
const DIGIT_0 = 0x30
const DIGIT_9 = 0x39
const LOWER_E = 0x65
const UPPER_E = 0x45
const LOWER_T = 0x74
const LOWER_F = 0x66
const LOWER_N = 0x6e
const UPPER_I = 0x49

/** Invalid JSON at `position` (an index into the scanned string). */
export class JsonSyntaxError extends Error {
  constructor(readonly position: number, message: string) {
    super(message)
  }
}

/** The kind of JSON token a value starts with, for error messages. */
export function jsonTokenName(firstChar: number): string {
  switch (firstChar) {
    case QUOTE: return 'VALUE_STRING'
    case OPEN_BRACE: return 'START_OBJECT'
    case OPEN_BRACKET: return 'START_ARRAY'
    case LOWER_T: return 'VALUE_TRUE'
    case LOWER_F: return 'VALUE_FALSE'
    case LOWER_N: return 'VALUE_NULL'
    default: return 'VALUE_NUMBER'
  }
}

export class JsonScanner {
  text = ''
  pos = 0
  end = 0
  /** Set by {@link scanNumber}: whether the number token has no fraction and no exponent. */
  numberIsInteger = true

  /** Starts scanning a new string; `setRange` must follow. */
  reset(text: string): void {
    this.text = text
  }

  setRange(start: number, end: number): void {
    this.pos = start
    this.end = end
  }

  fail(message: string, position = this.pos): never {
    throw new JsonSyntaxError(position, message)
  }

  skipWhitespace(): void {
    const text = this.text
    let pos = this.pos
    const end = this.end
    while (pos < end) {
      const c = text.charCodeAt(pos)
      if (c !== 0x20 && c !== 0x09 && c !== 0x0d && c !== 0x0a) break
      pos++
    }
    this.pos = pos
  }

  /** The char code at the current position, or -1 at the end of the range. */
  peek(): number {
    return this.pos < this.end ? this.text.charCodeAt(this.pos) : -1
  }

  expect(charCode: number, what: string): void {
    if (this.peek() !== charCode) this.fail(`expected ${what}`)
    this.pos++
  }

  /**
   * True when a backslash occurs in `[pos, limit)`.
   *
   * NOTE: a plain loop on purpose: strings between quotes are short, and a cached
   * forward `indexOf('\\')` over the whole chunk was measured to slow the scanner
   * down by 10x or more once V8 had optimized it.
   */
  hasBackslashBefore(limit: number): boolean {
    const text = this.text
    for (let i = this.pos; i < limit; i++) if (text.charCodeAt(i) === BACKSLASH) return true
    return false
  }

  /**
   * The index of the closing quote of the string starting at `pos` (which is at
   * its opening quote), without moving. Throws if the string does not end in range.
   */
  closingQuote(): number {
    const start = this.pos + 1
    let quote = this.text.indexOf('"', start)
    if (quote < 0 || quote >= this.end) this.fail('unterminated string')
    if (this.text.charCodeAt(quote - 1) !== BACKSLASH) return quote
    // Slow path: escapes inside; a quote preceded by an odd number of backslashes is escaped.
    for (;;) {
      let backslashes = 0
      let before = quote - 1
      while (before >= start && this.text.charCodeAt(before) === BACKSLASH) { backslashes++; before-- }
      if ((backslashes & 1) === 0) return quote
      quote = this.text.indexOf('"', quote + 1)
      if (quote < 0 || quote >= this.end) this.fail('unterminated string')
    }
  }

  /** Reads the string at `pos` (at its opening quote) and moves past it. */
  readString(): string {
    const start = this.pos + 1
    const quote = this.closingQuote()
    const escaped = this.hasBackslashBefore(quote)
    this.pos = quote + 1
    return escaped ? this.decodeEscapes(start, quote) : this.text.slice(start, quote)
  }

  /** Moves past the string at `pos`. */
  skipString(): void {
    this.pos = this.closingQuote() + 1
  }

  private decodeEscapes(start: number, end: number): string {
    const text = this.text
    let result = ''
    let chunkStart = start
    let pos = start
    while (pos < end) {
      if (text.charCodeAt(pos) !== BACKSLASH) { pos++; continue }
      result += text.slice(chunkStart, pos)
      const escape = text.charCodeAt(pos + 1)
      switch (escape) {
        case QUOTE: result += '"'; break
        case BACKSLASH: result += '\\'; break
        case 0x2f: result += '/'; break
        case 0x62: result += '\b'; break
        case 0x66: result += '\f'; break
        case 0x6e: result += '\n'; break
        case 0x72: result += '\r'; break
        case 0x74: result += '\t'; break
        case 0x75: {
          const hex = text.slice(pos + 2, pos + 6)
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('invalid \\u escape', pos)
          result += String.fromCharCode(parseInt(hex, 16))
          pos += 4
          break
        }
        default: this.fail('invalid escape', pos)
      }
      pos += 2
      chunkStart = pos
    }
    return result + text.slice(chunkStart, end)
  }

  /**
   * Moves past the number token at `pos` and returns its end; sets
   * `numberIsInteger`. Validates the JSON number grammar loosely (a digit is
   * required; fraction and exponent need digits).
   */
  scanNumber(): number {
    const text = this.text
    const end = this.end
    let pos = this.pos
    let c = text.charCodeAt(pos)
    if (c === MINUS) c = text.charCodeAt(++pos)
    const digitsStart = pos
    while (pos < end && c >= DIGIT_0 && c <= DIGIT_9) c = text.charCodeAt(++pos)
    if (pos === digitsStart) this.fail('invalid number')
    let integer = true
    if (pos < end && c === DOT) {
      integer = false
      const fractionStart = ++pos
      c = text.charCodeAt(pos)
      while (pos < end && c >= DIGIT_0 && c <= DIGIT_9) c = text.charCodeAt(++pos)
      if (pos === fractionStart) this.fail('invalid number')
    }
    if (pos < end && (c === LOWER_E || c === UPPER_E)) {
      integer = false
      c = text.charCodeAt(++pos)
      if (c === PLUS || c === MINUS) c = text.charCodeAt(++pos)
      const exponentStart = pos
      while (pos < end && c >= DIGIT_0 && c <= DIGIT_9) c = text.charCodeAt(++pos)
      if (pos === exponentStart) this.fail('invalid number')
    }
    this.numberIsInteger = integer
    this.pos = pos
    return pos
  }

  /** Moves past `literal` (true, false, null) or throws. */
  expectLiteral(literal: string): void {
    if (this.pos + literal.length > this.end || !this.text.startsWith(literal, this.pos)) {
      this.fail(`invalid literal, expected ${literal}`)
    }
    this.pos += literal.length
  }

  /**
   * Jackson's non-numeric numbers, which Spark allows by default
   * (`allowNonNumericNumbers`): `NaN`, `Infinity`, `+Infinity`, `-Infinity`,
   * `+INF`, `-INF` unquoted. Moves past one and returns its value, or returns
   * undefined without moving.
   */
  readNonNumericNumber(): number | undefined {
    for (const [literal, value] of NON_NUMERIC_NUMBERS) {
      if (this.pos + literal.length <= this.end && this.text.startsWith(literal, this.pos)) {
        this.pos += literal.length
        return value
      }
    }
    return undefined
  }

  /** Moves past one whole value at `pos` (after whitespace), checking its structure. */
  skipValue(): void {
    switch (this.peek()) {
      case QUOTE: this.skipString(); return
      case OPEN_BRACE: this.skipObject(); return
      case OPEN_BRACKET: this.skipArray(); return
      case LOWER_T: this.expectLiteral('true'); return
      case LOWER_F: this.expectLiteral('false'); return
      case LOWER_N: this.expectLiteral('null'); return
      case -1: return this.fail('unexpected end of input')
      default: {
        const c = this.peek()
        if (c === MINUS || (c >= DIGIT_0 && c <= DIGIT_9)) {
          if (c === MINUS && this.text.charCodeAt(this.pos + 1) === UPPER_I && this.readNonNumericNumber() !== undefined) return
          this.scanNumber()
          return
        }
        if (this.readNonNumericNumber() !== undefined) return
        this.fail(`unexpected character '${String.fromCharCode(c)}'`)
      }
    }
  }

  private skipObject(): void {
    this.pos++
    this.skipWhitespace()
    if (this.peek() === CLOSE_BRACE) { this.pos++; return }
    for (;;) {
      this.skipWhitespace()
      if (this.peek() !== QUOTE) this.fail('expected a field name')
      this.skipString()
      this.skipWhitespace()
      this.expect(COLON, "':'")
      this.skipWhitespace()
      this.skipValue()
      this.skipWhitespace()
      const c = this.peek()
      this.pos++
      if (c === COMMA) continue
      if (c === CLOSE_BRACE) return
      this.fail("expected ',' or '}'", this.pos - 1)
    }
  }

  private skipArray(): void {
    this.pos++
    this.skipWhitespace()
    if (this.peek() === CLOSE_BRACKET) { this.pos++; return }
    for (;;) {
      this.skipWhitespace()
      this.skipValue()
      this.skipWhitespace()
      const c = this.peek()
      this.pos++
      if (c === COMMA) continue
      if (c === CLOSE_BRACKET) return
      this.fail("expected ',' or ']'", this.pos - 1)
    }
  }
}

const NON_NUMERIC_NUMBERS: readonly (readonly [string, number])[] = [
  ['NaN', NaN], ['Infinity', Infinity], ['+Infinity', Infinity], ['-Infinity', -Infinity], ['+INF', Infinity], ['-INF', -Infinity],
]

export const JSON_CHARS = Object.freeze({
  QUOTE, OPEN_BRACE, CLOSE_BRACE, OPEN_BRACKET, CLOSE_BRACKET, COLON, COMMA, MINUS, DIGIT_0, DIGIT_9,
  LOWER_T, LOWER_F, LOWER_N,
})
