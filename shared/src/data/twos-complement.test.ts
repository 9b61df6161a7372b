import { describe, expect, it } from 'vitest'
import { bigintToTwosComplement, minimalTwosComplementSize, twosComplementToBigint } from './twos-complement.js'

describe('two\'s complement bytes', () => {
  it('should take the fewest bytes Java\'s BigInteger.toByteArray takes', () => {
    const cases: [bigint, number[]][] = [[0n, [0]], [-1n, [0xff]], [127n, [0x7f]], [128n, [0, 0x80]], [-128n, [0x80]], [-129n, [0xff, 0x7f]], [-12345n, [0xcf, 0xc7]]]
    for (const [value, bytes] of cases) {
      expect([...bigintToTwosComplement(value)]).toEqual(bytes)
      expect(minimalTwosComplementSize(value)).toBe(bytes.length)
      expect(twosComplementToBigint(new Uint8Array(bytes))).toBe(value)
    }
  })

  it('should sign-extend to a fixed size and read it back', () => {
    expect([...bigintToTwosComplement(-2n, 4)]).toEqual([0xff, 0xff, 0xff, 0xfe])
    expect([...bigintToTwosComplement(258n, 3)]).toEqual([0, 1, 2])
    const big = -12345678901234567890123456789012345678n
    expect(twosComplementToBigint(bigintToTwosComplement(big, 16))).toBe(big)
    expect(twosComplementToBigint(new Uint8Array())).toBe(0n)
  })
})
