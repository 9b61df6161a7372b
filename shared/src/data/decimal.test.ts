import { describe, expect, it } from 'vitest'
import { decimalFitsPrecision, decimalToNumber, decimalToString, numberToDecimal, parseDecimal, rescaleDecimal } from './decimal.js'

describe('decimalToString', () => {
  it('should print the plain form with the scale digits', () => {
    expect(decimalToString(100n, 2)).toBe('1.00')
    expect(decimalToString(-50n, 2)).toBe('-0.50')
    expect(decimalToString(5n, 3)).toBe('0.005')
    expect(decimalToString(-12345n, 0)).toBe('-12345')
    expect(decimalToString(0n, 2)).toBe('0.00')
    expect(decimalToString(123456789012345678901234567890n, 10)).toBe('12345678901234567890.1234567890')
  })
})

describe('parseDecimal', () => {
  it('should round HALF_UP to the scale', () => {
    expect(parseDecimal('1.005', 2)).toBe(101n)
    expect(parseDecimal('-1.005', 2)).toBe(-101n)
    expect(parseDecimal('1.004', 2)).toBe(100n)
    expect(parseDecimal('2.5', 0)).toBe(3n)
    expect(parseDecimal('-2.5', 0)).toBe(-3n)
  })
  it('should accept signs, exponents, surrounding blanks and missing digits on one side', () => {
    expect(parseDecimal(' +12.3 ', 2)).toBe(1230n)
    expect(parseDecimal('1e3', 2)).toBe(100000n)
    expect(parseDecimal('1.5E-2', 3)).toBe(15n)
    expect(parseDecimal('.5', 1)).toBe(5n)
    expect(parseDecimal('7.', 0)).toBe(7n)
  })
  it('should return null for text that is not a number', () => {
    expect(parseDecimal('abc', 2)).toBeNull()
    expect(parseDecimal('', 2)).toBeNull()
    expect(parseDecimal('.', 2)).toBeNull()
    expect(parseDecimal('1.2.3', 2)).toBeNull()
  })
})

describe('rescaleDecimal', () => {
  it('should multiply when widening and round HALF_UP when narrowing', () => {
    expect(rescaleDecimal(123n, 1, 3)).toBe(12300n)
    expect(rescaleDecimal(12345n, 3, 1)).toBe(123n)
    expect(rescaleDecimal(12350n, 3, 1)).toBe(124n)
    expect(rescaleDecimal(-12350n, 3, 1)).toBe(-124n)
  })
})

describe('decimalFitsPrecision', () => {
  it('should count digits of the unscaled value', () => {
    expect(decimalFitsPrecision(99999n, 5)).toBe(true)
    expect(decimalFitsPrecision(-99999n, 5)).toBe(true)
    expect(decimalFitsPrecision(100000n, 5)).toBe(false)
  })
})

describe('decimalToNumber', () => {
  it('should give the nearest double', () => {
    expect(decimalToNumber(12345n, 2)).toBe(123.45)
    expect(decimalToNumber(-5n, 1)).toBe(-0.5)
    expect(numberToDecimal(0.1, 3)).toBe(100n)
    expect(numberToDecimal(Number.NaN, 3)).toBeNull()
  })
})
