/**
 * A JSON value tree that renders like json4s (Spark's JSON library): compact as
 * `JSON.stringify` does, or pretty with `"key" : value`, two-space indents,
 * `[ {` for arrays of objects and `[ ]` / `{ }` when empty. Numbers are kept as
 * their text, so offsets with integers beyond 2^53 and decimals such as `0.0`
 * render exactly.
 */
export type JsonNode =
  | { readonly kind: 'null' }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'number'; readonly text: string }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'array'; readonly items: readonly JsonNode[] }
  | { readonly kind: 'object'; readonly fields: ReadonlyArray<readonly [string, JsonNode]> }

export const jsonNull: JsonNode = { kind: 'null' }
export const jsonString = (value: string | null): JsonNode => (value === null ? jsonNull : { kind: 'string', value })
export const jsonNumberText = (text: string): JsonNode => ({ kind: 'number', text })
export const jsonInteger = (value: number | bigint): JsonNode => ({ kind: 'number', text: typeof value === 'bigint' ? value.toString() : String(Math.trunc(value)) })
export const jsonObject = (fields: ReadonlyArray<readonly [string, JsonNode]>): JsonNode => ({ kind: 'object', fields })
export const jsonArray = (items: readonly JsonNode[]): JsonNode => ({ kind: 'array', items })

/** Converts a plain JS value (objects, arrays, strings, numbers, bigints, booleans, null) to a node. */
export function toJsonNode(value: unknown): JsonNode {
  if (value === null || value === undefined) return jsonNull
  switch (typeof value) {
    case 'boolean':
      return { kind: 'boolean', value }
    case 'number':
      return Number.isFinite(value) ? jsonNumberText(String(value)) : jsonNull
    case 'bigint':
      return jsonInteger(value)
    case 'string':
      return { kind: 'string', value }
    default:
      break
  }
  if (Array.isArray(value)) return jsonArray(value.map(toJsonNode))
  if (value instanceof Date) return jsonString(value.toISOString())
  return jsonObject(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toJsonNode(v)] as const))
}

/**
 * Parses JSON text keeping numbers as text (JSON.parse would round big integers).
 * Throws SyntaxError on invalid JSON.
 */
export function parseJsonNode(text: string): JsonNode {
  let position = 0
  const fail = (what: string): never => {
    throw new SyntaxError(`Invalid JSON at position ${position}: ${what}`)
  }
  const skipSpace = (): void => {
    while (position < text.length && ' \t\n\r'.includes(text[position]!)) position++
  }
  const parseValue = (): JsonNode => {
    skipSpace()
    const char = text[position]
    if (char === '{') {
      position++
      const fields: Array<readonly [string, JsonNode]> = []
      skipSpace()
      if (text[position] === '}') {
        position++
        return jsonObject(fields)
      }
      for (;;) {
        skipSpace()
        if (text[position] !== '"') fail('expected a key')
        const key = parseString()
        skipSpace()
        if (text[position++] !== ':') fail("expected ':'")
        fields.push([key, parseValue()])
        skipSpace()
        const next = text[position++]
        if (next === '}') return jsonObject(fields)
        if (next !== ',') fail("expected ',' or '}'")
      }
    }
    if (char === '[') {
      position++
      const items: JsonNode[] = []
      skipSpace()
      if (text[position] === ']') {
        position++
        return jsonArray(items)
      }
      for (;;) {
        items.push(parseValue())
        skipSpace()
        const next = text[position++]
        if (next === ']') return jsonArray(items)
        if (next !== ',') fail("expected ',' or ']'")
      }
    }
    if (char === '"') return { kind: 'string', value: parseString() }
    for (const [word, node] of [['true', { kind: 'boolean', value: true }], ['false', { kind: 'boolean', value: false }], ['null', jsonNull]] as const) {
      if (text.startsWith(word, position)) {
        position += word.length
        return node
      }
    }
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(position))
    if (match === null) return fail('expected a value')
    position += match[0].length
    return jsonNumberText(match[0])
  }
  const parseString = (): string => {
    const match = /^"(?:[^"\\\u0000-\u001f]|\\.)*"/.exec(text.slice(position))
    if (match === null) return fail('unterminated string')
    position += match[0].length
    return JSON.parse(match[0]) as string
  }
  const node = parseValue()
  skipSpace()
  if (position !== text.length) fail('unexpected trailing characters')
  return node
}

export function renderCompact(node: JsonNode): string {
  switch (node.kind) {
    case 'null':
      return 'null'
    case 'boolean':
      return String(node.value)
    case 'number':
      return node.text
    case 'string':
      return JSON.stringify(node.value)
    case 'array':
      return `[${node.items.map(renderCompact).join(',')}]`
    case 'object':
      return `{${node.fields.map(([k, v]) => `${JSON.stringify(k)}:${renderCompact(v)}`).join(',')}}`
  }
}

/** json4s `pretty(render(...))` layout. */
export function renderPretty(node: JsonNode, indent = ''): string {
  const inner = `${indent}  `
  switch (node.kind) {
    case 'array': {
      if (node.items.length === 0) return '[ ]'
      // json4s keeps `[ {` on one line and indents the objects' fields by one level.
      return `[ ${node.items.map((item) => renderPretty(item, indent)).join(', ')} ]`
    }
    case 'object': {
      if (node.fields.length === 0) return '{ }'
      const lines = node.fields.map(([k, v]) => `${inner}${JSON.stringify(k)} : ${renderPretty(v, inner)}`)
      return `{\n${lines.join(',\n')}\n${indent}}`
    }
    default:
      return renderCompact(node)
  }
}
