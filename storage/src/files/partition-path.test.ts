import { describe, expect, it } from 'vitest'
import { escapePathName, unescapePathName } from './partition-path.js'

// Spark's ExternalCatalogUtils (sql/catalyst/.../catalog/ExternalCatalogUtils.scala): charToEscape is \u0001–\u001F,
// " # % ' * / : = ? \ \u007F { [ ] ^ (plus space < > | only on Windows); escapePathName writes "%" + the char as %02X;
// unescapePathName reads the two chars after "%" with Integer.parseInt(_, 16) and keeps "%" when that fails or is < 0.
describe('escapePathName', () => {
  it("should escape exactly Spark's characters, upper-case hex", () => {
    expect(escapePathName('"#%\'*/:=?\\{[]^')).toBe('%22%23%25%27%2A%2F%3A%3D%3F%5C%7B%5B%5D%5E')
    expect(escapePathName('a\u0001b\nc\u001Fd\u007F')).toBe('a%01b%0Ac%1Fd%7F')
  })

  it('should leave \\u0000, spaces, <>| and non-ASCII text as it is', () => {
    expect(escapePathName('\u0000 <>|São Paulo 東京 😀')).toBe('\u0000 <>|São Paulo 東京 😀')
    expect(escapePathName('2024-01-02 10:30:00')).toBe('2024-01-02 10%3A30%3A00')
  })
})

describe('unescapePathName', () => {
  it('should turn each %XX back into one character, upper or lower case', () => {
    expect(unescapePathName('a%2Fb%3d%25')).toBe('a/b=%')
    expect(unescapePathName(escapePathName('x/y:"z"=50%'))).toBe('x/y:"z"=50%')
  })

  it("should decode a UTF-8 sequence as one character per %XX, as Spark does", () => {
    expect(unescapePathName('S%C3%A3o')).toBe('S\u00C3\u00A3o')
  })

  it('should keep a % that two hex digits do not follow', () => {
    expect(unescapePathName('100%')).toBe('100%')
    expect(unescapePathName('50%off')).toBe('50%off')
    expect(unescapePathName('%4')).toBe('%4')
    expect(unescapePathName('%G1%-1')).toBe('%G1%-1')
  })

  it("should follow Integer.parseInt's signs: %+F is \\u000F, %-0 is \\u0000", () => {
    expect(unescapePathName('%+Fa')).toBe('\u000Fa')
    expect(unescapePathName('%-0a')).toBe('\u0000a')
  })
})
