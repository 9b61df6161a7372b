/**
 * A small JSON reader that keeps each value's source text, so JSON functions can
 * return numbers exactly as written (`1.0`, 12345678901234567890) instead of
 * round-tripping them through JS numbers.
 */
export type JsonNode =
  | { readonly kind: 'object'; readonly raw: string; readonly entries: readonly (readonly [string, JsonNode])[] }
  | { readonly kind: 'array'; readonly raw: string; readonly items: readonly JsonNode[] }
  | { readonly kind: 'string'; readonly raw: string; readonly value: string }
  | { readonly kind: 'number'; readonly raw: string }
  | { readonly kind: 'boolean'; readonly raw: string; readonly value: boolean }
  | { readonly kind: 'null'; readonly raw: string }

class JsonReader {
  private i = 0
  constructor(private readonly text: string) {}

  parseDocument(): JsonNode | null {
    const node = this.value()
    if (node === null) return null
    this.skipSpace()
    return this.i === this.text.length ? node : null
  }

  private skipSpace(): void {
    while (this.i < this.text.length && ' \t\n\r'.includes(this.text[this.i]!)) this.i++
  }

  private value(): JsonNode | null {
    this.skipSpace()
    const start = this.i
    const c = this.text[this.i]
    if (c === '{') {
      this.i++
      const entries: [string, JsonNode][] = []
      this.skipSpace()
      if (this.text[this.i] === '}') { this.i++; return { kind: 'object', raw: this.text.slice(start, this.i), entries } }
      for (;;) {
        this.skipSpace()
        const key = this.value()
        if (key === null || key.kind !== 'string') return null
        this.skipSpace()
        if (this.text[this.i++] !== ':') return null
        const v = this.value()
        if (v === null) return null
        entries.push([key.value, v])
        this.skipSpace()
        const sep = this.text[this.i++]
        if (sep === '}') return { kind: 'object', raw: this.text.slice(start, this.i), entries }
        if (sep !== ',') return null
      }
    }
    if (c === '[') {
      this.i++
      const items: JsonNode[] = []
      this.skipSpace()
      if (this.text[this.i] === ']') { this.i++; return { kind: 'array', raw: this.text.slice(start, this.i), items } }
      for (;;) {
        const v = this.value()
        if (v === null) return null
        items.push(v)
        this.skipSpace()
        const sep = this.text[this.i++]
        if (sep === ']') return { kind: 'array', raw: this.text.slice(start, this.i), items }
        if (sep !== ',') return null
      }
    }
    if (c === '"') {
      this.i++
      let value = ''
      for (;;) {
        if (this.i >= this.text.length) return null
        const ch = this.text[this.i++]!
        if (ch === '"') break
        if (ch !== '\\') { value += ch; continue }
        const esc = this.text[this.i++]
        switch (esc) {
          case '"': case '\\': case '/': value += esc; break
          case 'b': value += '\b'; break
          case 'f': value += '\f'; break
          case 'n': value += '\n'; break
          case 'r': value += '\r'; break
          case 't': value += '\t'; break
          case 'u': {
            const hex = this.text.slice(this.i, this.i + 4)
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) return null
            value += String.fromCharCode(parseInt(hex, 16))
            this.i += 4
            break
          }
          default: return null
        }
      }
      return { kind: 'string', raw: this.text.slice(start, this.i), value }
    }
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(this.text.slice(this.i, this.i + 400))
    if (literal === null) return null
    this.i += literal[0].length
    const raw = literal[0]
    if (raw === 'true' || raw === 'false') return { kind: 'boolean', raw, value: raw === 'true' }
    if (raw === 'null') return { kind: 'null', raw }
    return { kind: 'number', raw }
  }
}

/** Parses a JSON document; null when it is not valid JSON. */
export function parseJsonText(text: string): JsonNode | null {
  return new JsonReader(text).parseDocument()
}

/** A JSON string literal for `value`. */
export const jsonString = (value: string): string => JSON.stringify(value)
