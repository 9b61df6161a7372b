import { describe, expect, it } from 'vitest'
import { JsonScanner } from './json-scanner.js'
import { readDouble } from './json-value-readers.js'

function parse(text: string): { value: number; end: number } {
  const scanner = new JsonScanner()
  scanner.reset(`${text},`)
  scanner.setRange(0, text.length + 1)
  const value = readDouble(scanner)
  return { value, end: scanner.pos }
}

describe('readDouble', () => {
  it('should give the same double as Number for short, long, exponent and edge texts', () => {
    const texts = ['0', '-0', '-0.0', '1', '12.5', '0.1', '3.356934E-4', '-0.018814087', '9.81', '123456789012345',
      '1234567890123456789', '0.03790141779257193', '1e22', '1.5e-7', '0.0000000000000000000000123', '99999999999999.9', '4.35', '5E-4', '-5.645752E-4', '1.5e+3', '2E22', '2E23', '1e-30', '0e5', '123456789012345e7']
    for (const text of texts) {
      const { value, end } = parse(text)
      expect(Object.is(value, Number(text)), text).toBe(true)
      expect(end).toBe(text.length)
    }
  })

  it('should match Number on many random decimals', () => {
    let seed = 12345
    const next = (): number => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed / 4294967296 }
    for (let i = 0; i < 20_000; i++) {
      const digits = 1 + Math.floor(next() * 17)
      let text = (next() < 0.5 ? '-' : '') + (next() * 10 ** Math.floor(next() * 8)).toFixed(Math.floor(next() * 10)).slice(0, digits + 2)
      if (!/^-?\d+(\.\d+)?$/.test(text)) continue
      if (next() < 0.3) text += `E${Math.floor(next() * 50) - 25}`
      expect(parse(text).value, text).toBe(Number(text))
    }
  })
})
