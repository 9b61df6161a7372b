/**
 * Plain data ↔ JSON with tags for what JSON cannot carry. A tag is an object with
 * exactly one member whose name starts with one `$`:
 *
 * | value                          | JSON                                   |
 * | ------------------------------ | -------------------------------------- |
 * | bigint                         | `{"$bigint": "-123456789012345678901"}` |
 * | Uint8Array (Buffer too)        | `{"$bytes": "<base64>"}`                |
 * | NaN, Infinity, -Infinity, -0   | `{"$number": "NaN"}` (`"Infinity"`, `"-Infinity"`, `"-0"`) |
 * | undefined (member or element)  | `{"$undefined": true}`                  |
 * | Map                            | `{"$map": [[key, value], ...]}`         |
 * | Set                            | `{"$set": [value, ...]}`                |
 *
 * Other numbers, strings, booleans, null, arrays and plain objects are themselves.
 * A plain object's member whose name starts with `$` is written with one more `$`
 * (`$ref` → `$$ref`), so no data is mistaken for a tag. Anything else (functions,
 * symbols, Dates, class instances) is refused with the path where it was found.
 */
import { Buffer } from 'node:buffer'
import { InvalidPlanError } from '../errors/invalid-plan-error.js'
import { elementPath, memberPath, ROOT_PATH } from './json-path.js'

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

const SPECIAL_NUMBERS: Readonly<Record<string, number>> = Object.freeze({ NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY, '-Infinity': Number.NEGATIVE_INFINITY, '-0': -0 })
const INTEGER = /^-?(0|[1-9][0-9]*)$/
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

/** The JSON form of a plain-data value (see the file comment); `path` names where `value` sits, for errors. */
export function toTaggedJson(value: unknown, path: string = ROOT_PATH): Json {
  switch (typeof value) {
    case 'string': case 'boolean': return value
    case 'number': return Number.isFinite(value) && !Object.is(value, -0) ? value : { $number: Object.is(value, -0) ? '-0' : String(value) }
    case 'bigint': return { $bigint: value.toString() }
    case 'undefined': return { $undefined: true }
    case 'object': break
    default: throw new InvalidPlanError(`cannot encode a ${typeof value}`, path)
  }
  if (value === null) return null
  if (Array.isArray(value)) {
    const out: Json[] = new Array(value.length)
    for (let i = 0; i < value.length; i++) out[i] = toTaggedJson(value[i], elementPath(path, i))
    return out
  }
  if (value instanceof Uint8Array) return { $bytes: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') }
  if (value instanceof Map) {
    let i = 0
    const entries: Json[] = []
    for (const [k, v] of value) {
      const at = elementPath(memberPath(path, '$map'), i++)
      entries.push([toTaggedJson(k, elementPath(at, 0)), toTaggedJson(v, elementPath(at, 1))])
    }
    return { $map: entries }
  }
  if (value instanceof Set) return { $set: [...value].map((v, i) => toTaggedJson(v, elementPath(memberPath(path, '$set'), i))) }
  const prototype = Object.getPrototypeOf(value) as unknown
  if (prototype !== Object.prototype && prototype !== null) {
    throw new InvalidPlanError(`cannot encode an instance of ${(value as object).constructor?.name ?? 'a class'}`, path)
  }
  const out: { [key: string]: Json } = {}
  for (const key of Object.keys(value)) {
    defineMember(out, key.startsWith('$') ? `$${key}` : key, toTaggedJson((value as Record<string, unknown>)[key], memberPath(path, key)))
  }
  return out
}

/** The value of a JSON form made by `toTaggedJson`; objects and arrays come back mutable (callers freeze what they own). */
export function fromTaggedJson(json: unknown, path: string = ROOT_PATH): unknown {
  if (json === null || typeof json !== 'object') return json
  if (Array.isArray(json)) {
    const out: unknown[] = new Array(json.length)
    for (let i = 0; i < json.length; i++) out[i] = fromTaggedJson(json[i], elementPath(path, i))
    return out
  }
  const tag = tagOf(json as Record<string, unknown>, path)
  if (tag !== undefined) return fromTag(tag, (json as Record<string, unknown>)[tag], path)
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(json)) {
    const name = unescapeKey(key)
    defineMember(out, name, fromTaggedJson((json as Record<string, unknown>)[key], memberPath(path, name)))
  }
  return out
}

/**
 * The tag of a JSON object (`$bigint`, ...) when it is a tagged value, else undefined.
 * Throws on a `$` member that is not the object's only one.
 */
export function tagOf(json: Record<string, unknown>, path: string): string | undefined {
  const keys = Object.keys(json)
  for (const key of keys) {
    if (key.startsWith('$') && !key.startsWith('$$')) {
      if (keys.length !== 1) throw new InvalidPlanError(`the tag '${key}' must be the only member of its object`, path)
      return key
    }
  }
  return undefined
}

/** A member name as written in JSON → the data's name (`$$ref` → `$ref`). */
export function unescapeKey(key: string): string {
  return key.startsWith('$$') ? key.slice(1) : key
}

function fromTag(tag: string, body: unknown, path: string): unknown {
  const at = memberPath(path, tag)
  switch (tag) {
    case '$bigint':
      if (typeof body !== 'string' || !INTEGER.test(body)) throw new InvalidPlanError('a $bigint must be a string of decimal digits', at)
      return BigInt(body)
    case '$bytes':
      if (typeof body !== 'string' || body.length % 4 !== 0 || !BASE64.test(body)) throw new InvalidPlanError('$bytes must be a base64 string', at)
      return new Uint8Array(Buffer.from(body, 'base64'))
    case '$number':
      if (typeof body !== 'string' || !Object.hasOwn(SPECIAL_NUMBERS, body)) throw new InvalidPlanError('$number must be one of "NaN", "Infinity", "-Infinity", "-0"', at)
      return SPECIAL_NUMBERS[body]
    case '$undefined':
      if (body !== true) throw new InvalidPlanError('$undefined must be true', at)
      return undefined
    case '$map': {
      if (!Array.isArray(body)) throw new InvalidPlanError('$map must be an array of [key, value] pairs', at)
      const map = new Map<unknown, unknown>()
      body.forEach((entry, i) => {
        const entryPath = elementPath(at, i)
        if (!Array.isArray(entry) || entry.length !== 2) throw new InvalidPlanError('a $map entry must be a [key, value] pair', entryPath)
        map.set(fromTaggedJson(entry[0], elementPath(entryPath, 0)), fromTaggedJson(entry[1], elementPath(entryPath, 1)))
      })
      return map
    }
    case '$set': {
      if (!Array.isArray(body)) throw new InvalidPlanError('$set must be an array', at)
      return new Set(body.map((v, i) => fromTaggedJson(v, elementPath(at, i))))
    }
    default:
      throw new InvalidPlanError(`unknown tag '${tag}'`, path)
  }
}

/** Sets a member, also one named `__proto__` (an own data member, never the prototype). */
export function defineMember(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
  else target[key] = value
}
