import { createHash } from 'node:crypto'
import { BinaryType, IntegerType, LongType, StringType } from '../types/data-type.js'
import type { DataType } from '../types/data-type.js'
import { AnalysisError, ExecutionError } from '../errors/sluice-error.js'
import type { ScalarFunctionDefinition } from './function-types.js'
import { coerceAll, coerceTo, defineScalar, lenient, strict } from './function-support.js'
import { valuesEqual } from './value-ordering.js'

const S = StringType
const B = BinaryType

const toBytes = (v: unknown): Uint8Array => (typeof v === 'string' ? Buffer.from(v, 'utf8') : (v as Uint8Array))

/** `hex(x)`: upper-case hex of a BIGINT (two's complement), of a string's UTF-8 bytes, or of a binary. */
export const hexFunction = defineScalar('hex', 1, (args) => {
  const t = args.types[0]!
  if (t.kind === 'byte' || t.kind === 'short' || t.kind === 'integer' || t.kind === 'long') {
    return strict([LongType], S, (a) => BigInt.asUintN(64, a[0] as bigint).toString(16).toUpperCase())
  }
  const inputType = t.kind === 'binary' ? B : coerceTo('hex', 0, t, S, args.context.ansi)
  return strict([inputType], S, (a) => Buffer.from(toBytes(a[0])).toString('hex').toUpperCase())
})

/** `unhex(str)`: the bytes of a hex string (a leading 0 is assumed for odd length); null when not hex. */
export const unhexFunction = defineScalar('unhex', 1, (args) =>
  strict(coerceAll('unhex', args, [S]), B, (a) => {
    let s = a[0] as string
    if (!/^[0-9a-fA-F]*$/.test(s)) return null
    if (s.length % 2 === 1) s = `0${s}`
    return new Uint8Array(Buffer.from(s, 'hex'))
  }))

export const base64Function = defineScalar('base64', 1, (args) =>
  strict([args.types[0]!.kind === 'binary' ? B : coerceTo('base64', 0, args.types[0]!, B, args.context.ansi)], S,
    (a) => Buffer.from(toBytes(a[0])).toString('base64')))

/** `unbase64(str)`: decoded bytes; malformed input raises CONVERSION_INVALID_INPUT. */
export const unbase64Function = defineScalar('unbase64', 1, (args) =>
  strict(coerceAll('unbase64', args, [S]), B, (a) => {
    const s = (a[0] as string).replace(/\s/g, '')
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || (s.replace(/=+$/, '').length % 4 === 1)) {
      throw new ExecutionError('CONVERSION_INVALID_INPUT', `The value '${a[0]}' does not represent a correct 'BASE64' value.`, { str: String(a[0]), fmt: "'BASE64'", targetType: '"BINARY"', suggestion: '`try_to_binary`' })
    }
    return new Uint8Array(Buffer.from(s, 'base64'))
  }))

function digest(name: string, algorithm: string): ScalarFunctionDefinition {
  return defineScalar(name, 1, (args) =>
    strict([args.types[0]!.kind === 'binary' ? B : coerceTo(name, 0, args.types[0]!, B, args.context.ansi)], S,
      (a) => createHash(algorithm).update(toBytes(a[0])).digest('hex')))
}

export const md5Function = digest('md5', 'md5')
export const sha1Function = digest('sha1', 'sha1')
export const shaFunction = digest('sha', 'sha1')

/** `sha2(x, bits)`: SHA-224/256/384/512 hex (0 means 256); null for other bit lengths. */
export const sha2Function = defineScalar('sha2', 2, (args) =>
  strict([args.types[0]!.kind === 'binary' ? B : coerceTo('sha2', 0, args.types[0]!, B, args.context.ansi), coerceTo('sha2', 1, args.types[1]!, IntegerType, args.context.ansi)], S,
    (a) => {
      const bits = (a[1] as number) === 0 ? 256 : (a[1] as number)
      if (![224, 256, 384, 512].includes(bits)) return null
      return createHash(`sha${bits}`).update(toBytes(a[0])).digest('hex')
    }))

let crcTable: Uint32Array | undefined

/** `crc32(x)`: the CRC-32 checksum as BIGINT. */
export const crc32Function = defineScalar('crc32', 1, (args) =>
  strict([args.types[0]!.kind === 'binary' ? B : coerceTo('crc32', 0, args.types[0]!, B, args.context.ansi)], LongType, (a) => {
    if (crcTable === undefined) {
      crcTable = new Uint32Array(256)
      for (let n = 0; n < 256; n++) {
        let c = n
        for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
        crcTable[n] = c >>> 0
      }
    }
    let crc = 0xffffffff
    for (const byte of toBytes(a[0])) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8)
    return BigInt((crc ^ 0xffffffff) >>> 0)
  }))

const CHARSETS: Readonly<Record<string, (s: string) => Uint8Array>> = {
  'utf-8': (s) => Buffer.from(s, 'utf8'),
  'us-ascii': (s) => Buffer.from(s, 'latin1').map((b) => (b > 127 ? 63 : b)),
  'iso-8859-1': (s) => Buffer.from(s, 'latin1'),
  'utf-16le': (s) => Buffer.from(s, 'utf16le'),
  'utf-16be': (s) => Buffer.from(s, 'utf16le').swap16(),
  'utf-16': (s) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(s, 'utf16le').swap16()]),
  'utf-32': (s) => {
    const points = Array.from(s, (c) => c.codePointAt(0)!)
    const out = Buffer.alloc(points.length * 4)
    points.forEach((p, i) => out.writeUInt32BE(p, i * 4))
    return out
  },
}

const DECODERS: Readonly<Record<string, (b: Uint8Array) => string>> = {
  'utf-8': (b) => Buffer.from(b).toString('utf8'),
  'us-ascii': (b) => Buffer.from(b).toString('latin1'),
  'iso-8859-1': (b) => Buffer.from(b).toString('latin1'),
  'utf-16le': (b) => Buffer.from(b).toString('utf16le'),
  'utf-16be': (b) => Buffer.from(b).swap16().toString('utf16le'),
  'utf-16': (b) => {
    const bytes = Buffer.from(b)
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le')
    const body = bytes[0] === 0xfe && bytes[1] === 0xff ? bytes.subarray(2) : bytes
    return Buffer.from(body).swap16().toString('utf16le')
  },
  'utf-32': (b) => {
    const bytes = Buffer.from(b)
    let out = ''
    for (let i = 0; i + 3 < bytes.length; i += 4) out += String.fromCodePoint(bytes.readUInt32BE(i))
    return out
  },
}

const charsetAliases: Readonly<Record<string, string>> = { utf8: 'utf-8', ascii: 'us-ascii', latin1: 'iso-8859-1', utf16: 'utf-16', utf32: 'utf-32' }

function charset<T>(table: Readonly<Record<string, T>>, name: string, functionName: string): T {
  const key = charsetAliases[name.toLowerCase()] ?? name.toLowerCase()
  const found = table[key]
  if (found === undefined) {
    throw new ExecutionError('INVALID_PARAMETER_VALUE.CHARSET',
      `The value of parameter(s) \`charset\` in \`${functionName}\` is invalid: expects one of the ${Object.keys(table).join(', ')}, but got ${name}.`,
      { parameter: '`charset`', functionName: `\`${functionName}\``, charset: name })
  }
  return found
}

/** `encode(str, charset)`: the bytes of `str` in the charset. */
export const encodeFunction = defineScalar('encode', 2, (args) =>
  strict(coerceAll('encode', args, [S, S]), B, (a) => new Uint8Array(charset(CHARSETS, a[1] as string, 'encode')(a[0] as string))))

/**
 * `decode(bin, charset)`: bytes to a string. `decode(expr, search1, result1, ...,
 * [default])` (three or more arguments) is Oracle's DECODE: the result of the first
 * search equal to expr (null equals null), else the default or null.
 */
export const decodeFunction = defineScalar('decode', [2, Infinity], (args) => {
  if (args.types.length === 2) {
    return strict([args.types[0]!.kind === 'binary' ? B : coerceTo('decode', 0, args.types[0]!, B, args.context.ansi), coerceTo('decode', 1, args.types[1]!, S, args.context.ansi)], S,
      (a) => charset(DECODERS, a[1] as string, 'decode')(toBytes(a[0])))
  }
  const results: DataType[] = []
  for (let i = 2; i < args.types.length; i += 2) results.push(args.types[i]!)
  if (args.types.length % 2 === 0) results.push(args.types[args.types.length - 1]!)
  const resultType = results.find((t) => t.kind !== 'null') ?? S
  if (results.some((t) => t.kind !== 'null' && t.kind !== resultType.kind)) {
    throw new AnalysisError('DATATYPE_MISMATCH.DATA_DIFF_TYPES', 'Cannot resolve "decode(...)" due to data type mismatch: the result expressions must all have the same type.', { functionName: 'decode' })
  }
  const searchType = args.types[0]!.kind !== 'null' ? args.types[0]! : args.types[1]!
  const inputTypes = args.types.map((t, i) => (i === 0 || (i % 2 === 1 && i < args.types.length - (args.types.length % 2 === 0 ? 1 : 0))) ? (t.kind === 'null' ? searchType : searchType.kind === 'string' ? coerceTo('decode', i, t, S, args.context.ansi) : t) : resultType)
  return lenient(inputTypes, resultType, (a) => {
    const value = a[0]
    let i = 1
    for (; i + 1 < a.length; i += 2) {
      const search = a[i]
      if (value === null ? search === null : search !== null && valuesEqual(value, search)) return a[i + 1]
    }
    return i < a.length ? a[i] : null
  })
})

export const binaryFunctions: ScalarFunctionDefinition[] = [
  hexFunction, unhexFunction, base64Function, unbase64Function, md5Function, sha1Function, shaFunction,
  sha2Function, crc32Function, encodeFunction, decodeFunction,
]
