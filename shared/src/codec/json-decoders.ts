/**
 * Decoders from parsed JSON (the tagged form of `tagged-json.ts`) to validated data:
 * each checks the shape at its JSON path and throws `InvalidPlanError` naming the
 * problem and the path. Objects are closed: an unknown member is an error, so a
 * field a newer version adds is never silently dropped.
 */
import { InvalidPlanError } from '../errors/invalid-plan-error.js'
import { elementPath, memberPath } from './json-path.js'
import { defineMember, fromTaggedJson, tagOf, unescapeKey } from './tagged-json.js'

export type Decoder<T> = (json: unknown, path: string) => T

/** One member of an object: its decoder and whether it may be absent. */
export interface Field { readonly optional: boolean; readonly decode: Decoder<unknown> }

/** A member that must be present. */
export const required = (decode: Decoder<unknown>): Field & { readonly optional: false } => ({ optional: false, decode })
/** A member that may be absent (or `{"$undefined": true}`). */
export const optional = (decode: Decoder<unknown>): Field & { readonly optional: true } => ({ optional: true, decode })

/**
 * The members of `T` (but `kind`), each required or optional exactly as `T` declares
 * it: a field added to a type without a decoder here fails to compile.
 */
export type FieldsOf<T> = {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- `{} extends Pick<T, K>` is how a type asks whether K is optional
  readonly [K in Exclude<keyof T, 'kind'>]-?: {} extends Pick<T, K> ? Field & { readonly optional: true } : Field & { readonly optional: false }
}

/** What a JSON value is, for messages: `a string`, `an array`, `a tagged $bigint`. */
export function describeJson(json: unknown): string {
  if (json === null) return 'null'
  if (Array.isArray(json)) return 'an array'
  if (typeof json === 'object') {
    const keys = Object.keys(json)
    return keys.length === 1 && keys[0]!.startsWith('$') && !keys[0]!.startsWith('$$') ? `a tagged ${keys[0]}` : 'an object'
  }
  return typeof json === 'undefined' ? 'nothing' : `a ${typeof json}`
}

const mismatch = (expected: string, json: unknown, path: string): InvalidPlanError =>
  new InvalidPlanError(`expected ${expected}, found ${describeJson(json)}`, path)

export const string: Decoder<string> = (json, path) => {
  if (typeof json !== 'string') throw mismatch('a string', json, path)
  return json
}

/** A number: a JSON number or a tagged special number (NaN, ±Infinity, -0). */
export const number: Decoder<number> = (json, path) => {
  if (typeof json === 'number') return json
  const value = isJsonObject(json) && Object.hasOwn(json, '$number') ? fromTaggedJson(json, path) : undefined
  if (typeof value !== 'number') throw mismatch('a number', json, path)
  return value
}

export const integer: Decoder<number> = (json, path) => {
  if (typeof json !== 'number' || !Number.isSafeInteger(json)) throw mismatch('an integer', json, path)
  return json
}

export const boolean: Decoder<boolean> = (json, path) => {
  if (typeof json !== 'boolean') throw mismatch('a boolean', json, path)
  return json
}

export const trueOnly: Decoder<true> = (json, path) => {
  if (json !== true) throw mismatch('true', json, path)
  return true
}

/** Any plain-data value, tags revived (literal values, rows, statistics). */
export const anyValue: Decoder<unknown> = (json, path) => fromTaggedJson(json, path)

export function oneOf<T extends string>(...values: readonly T[]): Decoder<T> {
  const allowed = new Set<string>(values)
  return (json, path) => {
    if (typeof json !== 'string' || !allowed.has(json)) throw mismatch(`one of ${values.map((v) => `'${v}'`).join(', ')}`, json, path)
    return json as T
  }
}

export function nullable<T>(decode: Decoder<T>): Decoder<T | null> {
  return (json, path) => (json === null ? null : decode(json, path))
}

/** An array; frozen unless `freeze` is false. */
export function arrayOf<T>(item: Decoder<T>, freeze = true): Decoder<readonly T[]> {
  return (json, path) => {
    if (!Array.isArray(json)) throw mismatch('an array', json, path)
    const out: T[] = new Array(json.length)
    for (let i = 0; i < json.length; i++) out[i] = item(json[i], elementPath(path, i))
    return freeze ? Object.freeze(out) : out
  }
}

/** An object used as a dictionary (options, partition values): any member names, values by `value`. */
export function recordOf<T>(value: Decoder<T>, freeze = true): Decoder<Readonly<Record<string, T>>> {
  return (json, path) => {
    if (!isJsonObject(json) || tagOf(json, path) !== undefined) throw mismatch('an object', json, path)
    const out: Record<string, T> = {}
    for (const key of Object.keys(json)) {
      const name = unescapeKey(key)
      defineMember(out, name, value(json[key], memberPath(path, name)))
    }
    return freeze ? Object.freeze(out) : out
  }
}

/** An object with the given members (`what` names it in messages); frozen unless `freeze` is false. */
export function objectOf<T>(what: string, fields: FieldsOf<T>, freeze = true): Decoder<T> {
  return (json, path) => {
    if (!isJsonObject(json) || tagOf(json, path) !== undefined) throw mismatch(what, json, path)
    return decodeMembers(json, path, what, fields as Readonly<Record<string, Field>>, {}, freeze) as T
  }
}

/**
 * A discriminated union on `kind`: `what` names the union in messages (`logical plan
 * node`); `table` gives the members of each kind. `finish` may rebuild the decoded node
 * (to canonical constants, say).
 */
export function kindUnion<T extends { readonly kind: string }>(
  what: string,
  table: () => Readonly<Record<string, Readonly<Record<string, Field>>>>,
  freeze = true,
  finish?: (node: T) => T,
): Decoder<T> {
  return (json, path) => {
    if (!isJsonObject(json) || tagOf(json, path) !== undefined) throw mismatch(`a ${what}`, json, path)
    if (!Object.hasOwn(json, 'kind')) throw new InvalidPlanError(`missing required field 'kind' of a ${what}`, memberPath(path, 'kind'))
    const kind = json['kind']
    if (typeof kind !== 'string') throw mismatch(`a ${what} kind`, kind, memberPath(path, 'kind'))
    const fields = table()
    if (!Object.hasOwn(fields, kind)) throw new InvalidPlanError(`unknown ${what} kind '${kind}'`, memberPath(path, 'kind'))
    const node = decodeMembers(json, path, `${what} ${kind}`, fields[kind]!, { kind }, freeze) as T
    return finish ? finish(node) : node
  }
}

function decodeMembers(
  json: Record<string, unknown>, path: string, what: string, fields: Readonly<Record<string, Field>>,
  out: Record<string, unknown>, freeze: boolean,
): Record<string, unknown> {
  for (const key of Object.keys(json)) {
    const name = unescapeKey(key)
    if (name === 'kind' && Object.hasOwn(out, 'kind')) continue
    const at = memberPath(path, name)
    if (!Object.hasOwn(fields, name)) throw new InvalidPlanError(`unknown field '${name}' of ${what}`, at)
    const field = fields[name]!
    const raw = json[key]
    defineMember(out, name, field.optional && isUndefinedTag(raw) ? undefined : field.decode(raw, at))
  }
  for (const name of Object.keys(fields)) {
    if (!fields[name]!.optional && !Object.hasOwn(out, name)) throw new InvalidPlanError(`missing required field '${name}' of ${what}`, memberPath(path, name))
  }
  return freeze ? Object.freeze(out) : out
}

function isUndefinedTag(json: unknown): boolean {
  return isJsonObject(json) && Object.keys(json).length === 1 && json['$undefined'] === true
}

export function isJsonObject(json: unknown): json is Record<string, unknown> {
  return typeof json === 'object' && json !== null && !Array.isArray(json)
}
