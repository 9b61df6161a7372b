import { describe, expect, it } from 'vitest'
import { ArrayType, BinaryType, DoubleType, IntegerType, LongType, StringType } from '../types/data-type.js'
import { callScalar, type TypedValue } from './function-test-support.js'

const s = (v: string | null): TypedValue => [v, StringType]
const i = (v: number | null): TypedValue => [v, IntegerType]
const bin = (hex: string): TypedValue => [new Uint8Array(Buffer.from(hex, 'hex')), BinaryType]
const hexOf = (v: unknown): string => Buffer.from(v as Uint8Array).toString('hex').toUpperCase()

describe('string functions', () => {
  it('should change case (Spark docs: lower(SparkSql) = sparksql, upper = SPARKSQL)', () => {
    expect(callScalar('lower', [s('SparkSql')])).toBe('sparksql')
    expect(callScalar('ucase', [s('SparkSql')])).toBe('SPARKSQL')
    expect(callScalar('upper', [s(null)])).toBeNull()
  })

  it('should concatenate strings, arrays and with separators skipping nulls', () => {
    expect(callScalar('concat', [s('Spark'), s('SQL')])).toBe('SparkSQL')
    expect(callScalar('concat', [s('Spark'), s(null)])).toBeNull()
    expect(callScalar('concat', [[[1, 2], ArrayType(IntegerType)], [[3], ArrayType(IntegerType)]])).toEqual([1, 2, 3])
    expect(callScalar('concat_ws', [s(' '), s('Spark'), s(null), s('SQL')])).toBe('Spark SQL')
    expect(callScalar('concat_ws', [s(','), [['a', null, 'b'], ArrayType(StringType)], s('c')])).toBe('a,b,c')
    expect(callScalar('concat_ws', [s(null), s('a')])).toBeNull()
    expect(() => callScalar('concat_ws', [])).toThrow(/WRONG_NUM_ARGS/)
  })

  it('should take substrings with 1-based and negative positions (Spark docs)', () => {
    expect(callScalar('substring', [s('Spark SQL'), i(5)])).toBe('k SQL')
    expect(callScalar('substring', [s('Spark SQL'), i(-3)])).toBe('SQL')
    expect(callScalar('substring', [s('Spark SQL'), i(5), i(1)])).toBe('k')
    expect(callScalar('substr', [s('Spark SQL'), i(0), i(2)])).toBe('Sp')
    expect(callScalar('substring', [s('Spark SQL'), i(-30), i(3)])).toBe('')
    expect(callScalar('substring', [s('a😀b'), i(2), i(1)])).toBe('😀')
  })

  it('should measure length in characters and bytes', () => {
    expect(callScalar('length', [s('Spark SQL ')])).toBe(10)
    expect(callScalar('char_length', [s('a😀')])).toBe(2)
    expect(callScalar('octet_length', [s('a😀')])).toBe(5)
    expect(callScalar('length', [bin('0102')])).toBe(2)
  })

  it('should trim spaces or given characters (Spark docs)', () => {
    expect(callScalar('trim', [s(' xyz ')])).toBe('xyz')
    expect(callScalar('ltrim', [s(' xyz ')])).toBe('xyz ')
    expect(callScalar('rtrim', [s(' xyz ')])).toBe(' xyz')
    expect(callScalar('trim', [s('yxTomxx'), s('xyz')])).toBe('Tom')
    expect(callScalar('rtrim', [s('TURNERyxXxy'), s('xy')])).toBe('TURNERyxX')
    expect(callScalar('btrim', [s('xyxtrimyyx'), s('xy')])).toBe('trim')
    expect(callScalar('trim', [s('\tx\t')])).toBe('\tx\t')
  })

  it('should pad strings and binaries (Spark docs and golden cases)', () => {
    expect(callScalar('lpad', [s('hi'), i(5), s('??')])).toBe('???hi')
    expect(callScalar('lpad', [s('hi'), i(1), s('??')])).toBe('h')
    expect(callScalar('lpad', [s('hi'), i(5)])).toBe('   hi')
    expect(callScalar('rpad', [s('hi'), i(5), s('??')])).toBe('hi???')
    expect(callScalar('rpad', [s('hi'), i(5), s('')])).toBe('hi')
    expect(hexOf(callScalar('lpad', [bin('aa'), i(5), bin('1f2e')]))).toBe('1F2E1F2EAA')
    expect(hexOf(callScalar('rpad', [bin('aabb'), i(5)]))).toBe('AABB000000')
    expect(hexOf(callScalar('rpad', [bin('aabbcc'), i(6), bin('')]))).toBe('AABBCC')
  })

  it('should find substrings with instr and locate (golden cases)', () => {
    const instr = (a: string, b: string, pos?: number, occ?: number): unknown =>
      callScalar('instr', [s(a), s(b), ...(pos === undefined ? [] : [i(pos)]), ...(occ === undefined ? [] : [i(occ)])])
    expect(instr('SparkSQL', 'SQL')).toBe(6)
    expect(instr('abcabc', 'a', -2)).toBe(4)
    expect(instr('abcabc', 'b', -2, 2)).toBe(2)
    expect(instr('abcabc', 'b', -1)).toBe(5)
    expect(instr('abcabc', 'b', 1, 2)).toBe(5)
    expect(instr('abcabc', 'a', -1, 2)).toBe(1)
    expect(instr('abcabc', 'b', 0, 1)).toBe(0)
    expect(instr('hello', '', 3)).toBe(1)
    expect(instr('aaaa', 'aa', 1, 3)).toBe(3)
    expect(instr('aaaa', 'aa', -1, 2)).toBe(2)
    expect(instr('aaaa', 'aa', -2, 2)).toBe(2)
    expect(instr('abc', 'b', -10, 1)).toBe(0)
    expect(callScalar('instr', [s('a'), s('b'), i(null)])).toBeNull()
    expect(callScalar('locate', [s('bar'), s('foobarbar')])).toBe(4)
    expect(callScalar('locate', [s('bar'), s('foobarbar'), i(5)])).toBe(7)
    expect(callScalar('position', [s(null), s('foobarbar')])).toBeNull()
    expect(callScalar('locate', [s('bar'), s('foobarbar'), i(0)])).toBe(0)
  })

  it('should replace, reverse, repeat, translate and initcap (Spark docs)', () => {
    expect(callScalar('replace', [s('ABCabc'), s('abc'), s('DEF')])).toBe('ABCDEF')
    expect(callScalar('replace', [s('abc'), s('b')])).toBe('ac')
    expect(callScalar('reverse', [s('Spark SQL')])).toBe('LQS krapS')
    expect(callScalar('reverse', [[[2, 1, 4, 3], ArrayType(IntegerType)]])).toEqual([3, 4, 1, 2])
    expect(callScalar('repeat', [s('123'), i(2)])).toBe('123123')
    expect(callScalar('translate', [s('AaBbCc'), s('abc'), s('123')])).toBe('A1B2C3')
    expect(callScalar('translate', [s('AaBbCc'), s('abc'), s('1')])).toBe('A1BC')
    expect(callScalar('initcap', [s('sPark sql')])).toBe('Spark Sql')
    expect(callScalar('ascii', [s('222')])).toBe(50)
    expect(callScalar('ascii', [s('')])).toBe(0)
    expect(callScalar('chr', [[65n, LongType]])).toBe('A')
  })

  it('should take left and right characters (golden cases)', () => {
    expect(callScalar('left', [s('Spark SQL'), i(3)])).toBe('Spa')
    expect(callScalar('right', [s('abcd'), i(2)])).toBe('cd')
    expect(callScalar('right', [s('abcd'), i(5)])).toBe('abcd')
    expect(callScalar('right', [s('abcd'), i(-2)])).toBe('')
    expect(callScalar('left', [s(null), i(-2)])).toBeNull()
  })

  it('should test prefixes, suffixes and containment of strings and binaries (golden cases)', () => {
    expect(callScalar('startswith', [s('Spark SQL'), s('Spa')])).toBe(true)
    expect(callScalar('startswith', [s('Spark SQL'), s('ark')])).toBe(false)
    expect(callScalar('contains', [s('Spark SQL'), s('SPARK')])).toBe(false)
    expect(callScalar('contains', [s('Spark SQL'), s(null)])).toBeNull()
    expect(callScalar('startswith', [bin('537061726b2053514c'), bin('537061726b')])).toBe(true)
    expect(callScalar('endswith', [bin('537061726b2053514c'), bin('53516c')])).toBe(false)
    expect(callScalar('contains', [bin(''), bin('')])).toBe(true)
  })

  it('should split parts, pick elt, check luhn and quote (golden cases)', () => {
    expect(callScalar('split_part', [s('11.12.13'), s('.'), i(-1)])).toBe('13')
    expect(callScalar('split_part', [s('11.12.13'), s(''), i(1)])).toBe('11.12.13')
    expect(callScalar('split_part', [s('11.12.13'), s('.'), i(5)])).toBe('')
    expect(callScalar('split_part', [s('11ab12ab13'), s('ab'), i(1)])).toBe('11')
    expect(callScalar('elt', [i(1), s('123'), s(null)])).toBe('123')
    expect(callScalar('elt', [i(2), s('123'), s(null)])).toBeNull()
    expect(() => callScalar('elt', [i(4), s('123'), s('456')])).toThrow(/INVALID_ARRAY_INDEX/)
    expect(callScalar('elt', [i(4), s('123'), s('456')], { ansi: false })).toBeNull()
    expect(callScalar('luhn_check', [s('4111111111111111')])).toBe(true)
    expect(callScalar('luhn_check', [s('378282246310006')])).toBe(false)
    expect(callScalar('luhn_check', [s('0')])).toBe(true)
    expect(callScalar('luhn_check', [s(' 4111111111111111')])).toBe(false)
    expect(callScalar('luhn_check', [s('6011000000000005')])).toBe(false)
    expect(callScalar('quote', [s("Don't")])).toBe("'Don\\'t'")
  })

  it('should format numbers with grouping and HALF_EVEN (Spark docs: 12332.123456, 4 → 12,332.1235)', () => {
    expect(callScalar('format_number', [[12332.123456, DoubleType], i(4)])).toBe('12,332.1235')
  })
})

describe('regexp functions', () => {
  it('should extract groups (golden cases)', () => {
    expect(callScalar('regexp_extract', [s('1a 2b 14m'), s('(\\d+)([a-z]+)')])).toBe('1')
    expect(callScalar('regexp_extract', [s('100-200'), s('(\\d+)-(\\d+)'), i(2)])).toBe('200')
    expect(callScalar('regexp_extract', [s('xyz'), s('(\\d+)'), i(1)])).toBe('')
    expect(() => callScalar('regexp_extract', [s('1a 2b 14m'), s('(?l)')])).toThrow(/INVALID_PARAMETER_VALUE.PATTERN/)
    expect(() => callScalar('regexp_extract_all', [s('1a 2b 14m'), s('(\\d+)([a-z]+)'), i(3)])).toThrow(/REGEX_GROUP_INDEX/)
    expect(callScalar('regexp_extract_all', [s('1a 2b 14m'), s('\\d+'), i(0)])).toEqual(['1', '2', '14'])
    expect(callScalar('regexp_extract_all', [s('a 2b 14m'), s('(\\d+)?'), i(1)])).toEqual(['', '', '2', '', '', '14', '', ''])
  })

  it('should replace from a position with Java replacement syntax (golden cases)', () => {
    expect(callScalar('regexp_replace', [s('100-200'), s('(\\d+)'), s('num')])).toBe('num-num')
    expect(callScalar('regexp_replace', [s('healthy, wealthy, and wise'), s('\\w'), s('something'), i(26)])).toBe('healthy, wealthy, and wissomething')
    expect(callScalar('regexp_replace', [s('healthy, wealthy, and wise'), s('\\w'), s('something'), i(27)])).toBe('healthy, wealthy, and wise')
    expect(callScalar('regexp_replace', [s('abc'), s('(b)'), s('[$1\\$]')])).toBe('a[b$]c')
    expect(() => callScalar('regexp_replace', [s('x'), s('\\w+thy'), s('y'), i(0)])).toThrow(/VALUE_OUT_OF_RANGE/)
  })

  it('should count, find and test matches, with inline flags (golden cases)', () => {
    expect(callScalar('regexp_count', [s('the fox'), s('(?i)FOX')])).toBe(1)
    expect(callScalar('regexp_count', [s('the fox'), s('FOX')])).toBe(0)
    expect(callScalar('regexp_count', [s('passwd7 plain A1234 a1234'), s('(?=[^ ]*[a-z])(?=[^ ]*[0-9])[^ ]+')])).toBe(2)
    expect(callScalar('regexp_substr', [s('1a 2b 14m'), s('\\d{2}(a|b|m)')])).toBe('14m')
    expect(callScalar('regexp_substr', [s('1a 2b 14m'), s('')])).toBeNull()
    expect(callScalar('regexp_instr', [s('abc'), s('b')])).toBe(2)
    expect(callScalar('regexp_instr', [s('abc'), s('x')])).toBe(0)
    expect(callScalar('regexp_like', [s('1a 2b 14m'), s('\\d+b')])).toBe(true)
    expect(callScalar('regexp', [s('1a 2b 14m'), s('[a-z]+b')])).toBe(false)
  })

  it('should split by regex with limits (Spark docs and golden cases)', () => {
    expect(callScalar('split', [s('oneAtwoBthreeC'), s('[ABC]')])).toEqual(['one', 'two', 'three', ''])
    expect(callScalar('split', [s('oneAtwoBthreeC'), s('[ABC]'), i(2)])).toEqual(['one', 'twoBthreeC'])
    expect(callScalar('split', [s('oneAtwoBthreeC'), s('[ABC]'), i(0)])).toEqual(['one', 'two', 'three', ''])
    expect(callScalar('split', [s('hello'), s(''), i(100)])).toEqual(['h', 'e', 'l', 'l', 'o'])
    expect(callScalar('split', [s('hello'), s(''), i(1)])).toEqual(['hello'])
    expect(callScalar('split', [s(''), s('')])).toEqual([''])
  })
})

describe('binary functions', () => {
  it('should convert hex both ways (golden cases)', () => {
    expect(callScalar('hex', [[17n, LongType]])).toBe('11')
    expect(callScalar('hex', [[-1n, LongType]])).toBe('FFFFFFFFFFFFFFFF')
    expect(callScalar('hex', [s('Spark SQL')])).toBe('537061726B2053514C')
    expect(hexOf(callScalar('unhex', [s('123')]))).toBe('0123')
    expect(callScalar('unhex', [s('zz')])).toBeNull()
  })

  it('should hash (Spark docs: md5(Spark), sha1(Spark), crc32(Spark))', () => {
    expect(callScalar('md5', [s('Spark')])).toBe('8cde774d6f7333752ed72cacddb05126')
    expect(callScalar('sha1', [s('Spark')])).toBe('85f5955f4b27a9a4c2aab6ffe5d7189fc298b92c')
    expect(callScalar('sha2', [s('Spark'), i(256)])).toBe('529bc3b07127ecb7e53a4dcf1991d9152c24537d919178022b2c42657f79a26b')
    expect(callScalar('crc32', [s('Spark')])).toBe(1557323817n)
    expect(callScalar('base64', [s('Spark SQL')])).toBe('U3BhcmsgU1FM')
  })

  it('should encode and decode charsets, and decode as a switch (golden cases)', () => {
    const bytes = callScalar('encode', [s('大千世界'), s('utf-32')])
    expect(callScalar('decode', [[bytes, BinaryType], s('utf-32')])).toBe('大千世界')
    expect(callScalar('decode', [i(1), i(1), s('Southlake')])).toBe('Southlake')
    expect(callScalar('decode', [i(2), i(1), s('Southlake')])).toBeNull()
    expect(callScalar('decode', [i(6), i(1), s('Southlake'), i(2), s('San Francisco'), s('Non domestic')])).toBe('Non domestic')
  })
})

describe('more string functions', () => {
  it('should overlay and format like Spark (Spark docs: overlay(Spark SQL, _, 6) = Spark_SQL; printf)', () => {
    expect(callScalar('overlay', [s('Spark SQL'), s('_'), i(6)])).toBe('Spark_SQL')
    expect(callScalar('overlay', [s('Spark SQL'), s('CORE'), i(7)])).toBe('Spark CORE')
    expect(callScalar('overlay', [s('Spark SQL'), s('ANSI '), i(7), i(0)])).toBe('Spark ANSI SQL')
    expect(callScalar('overlay', [s('Spark SQL'), s('tructured'), i(2), i(4)])).toBe('Structured SQL')
    expect(callScalar('format_string', [s('%05d|%-4s|%.2f|%,d|%x'), i(42), s('ab'), [3.14159, DoubleType], [1234567n, LongType], i(255)])).toBe('00042|ab  |3.14|1,234,567|ff')
    expect(callScalar('printf', [s('%s and %S'), s('a'), s('b')])).toBe('a and B')
    expect(callScalar('substring_index', [s('www.apache.org'), s('.'), i(-2)])).toBe('apache.org')
    expect(callScalar('levenshtein', [s('kitten'), s('sitting'), i(2)])).toBe(-1)
  })
})
