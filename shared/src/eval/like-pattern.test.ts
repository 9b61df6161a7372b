import { describe, expect, it } from 'vitest'
import { likeMatcher } from './like-pattern.js'

describe('likeMatcher', () => {
  it('should match the fast-path shapes as the regex translation does', () => {
    const cases: [string, string, boolean][] = [
      ['abc', 'abc', true], ['abc', 'abcd', false], ['ab%', 'abcd', true], ['ab%', 'xab', false],
      ['%cd', 'abcd', true], ['%bc%', 'abcd', true], ['%x%', 'abcd', false], ['%', '', true], ['', '', true], ['', 'a', false],
      ['a_c', 'abc', true], ['a_c', 'ac', false], ['a%c%e', 'abcde', true], ['a\\%', 'a%', true], ['a\\%', 'ab', false],
      ['%\n%', 'x\ny', true],
    ]
    for (const [pattern, value, expected] of cases) expect(likeMatcher(pattern, '\\')(value), `${pattern} ~ ${value}`).toBe(expected)
  })

  it('should ignore case for ILIKE', () => {
    expect(likeMatcher('AB%', '\\', true)('abc')).toBe(true)
  })
})
