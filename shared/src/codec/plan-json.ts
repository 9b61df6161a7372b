/**
 * `sluice-plan-json/1`: the versioned encoding of plans, expressions and other plain
 * data between processes (never `v8.serialize`, whose bytes belong to one V8 version).
 * UTF-8 JSON of an envelope
 *
 *     {"encoding": "sluice-plan-json/1", "payload": "logical-plan", "value": <tagged JSON>}
 *
 * where the value is the data as `tagged-json.ts` writes it (bigint, bytes, NaN, -0,
 * Map... as tags). Decoding checks the version, the payload, and for plans every node:
 * its kind, its required members and their types. Any problem is an `InvalidPlanError`
 * whose path is relative to the value (`$.input.input.condition`). Decoded plans are
 * frozen as the factories make them (nodes, their arrays, types); literal values and
 * rows are not. `docs/wire-format.md` describes the format.
 */
import type { Expr } from '../expr/expr.js'
import type { LogicalPlan } from '../plan/logical-plan.js'
import type { PhysicalPlan } from '../plan/physical-plan.js'
import type { DataType } from '../types/data-type.js'
import { InvalidPlanError } from '../errors/invalid-plan-error.js'
import { anyValue, describeJson, isJsonObject, type Decoder } from './json-decoders.js'
import { ROOT_PATH } from './json-path.js'
import { dataType, expr, logicalPlan, physicalPlan } from './plan-decoders.js'
import { toTaggedJson, type Json } from './tagged-json.js'

export { LOGICAL_PLAN_KINDS, PHYSICAL_PLAN_KINDS, EXPR_KINDS, DATA_TYPE_KINDS } from './plan-decoders.js'

/** The encoding id, written in every envelope; a reader refuses any other. */
export const PLAN_JSON_ENCODING = 'sluice-plan-json/1'

/** What an envelope's value is. */
export type PlanJsonPayload = 'logical-plan' | 'physical-plan' | 'expression' | 'data-type' | 'value' | 'task' | 'task-result'

const PAYLOADS: ReadonlySet<string> = new Set<PlanJsonPayload>(['logical-plan', 'physical-plan', 'expression', 'data-type', 'value', 'task', 'task-result'])
const utf8 = new TextEncoder()
const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

/** The envelope of `value` (already in its tagged JSON form) as UTF-8 bytes. */
export function encodePlanJson(payload: PlanJsonPayload, value: Json): Uint8Array {
  return utf8.encode(JSON.stringify({ encoding: PLAN_JSON_ENCODING, payload, value }))
}

/** Checks an envelope's version and payload and decodes its value with `decode` (paths from the value's root). */
export function decodePlanJson<T>(bytes: Uint8Array, payload: PlanJsonPayload, decode: Decoder<T>): T {
  let text: string
  try {
    text = strictUtf8.decode(bytes)
  } catch (error) {
    throw new InvalidPlanError('the bytes are not UTF-8 text', ROOT_PATH, error)
  }
  let envelope: unknown
  try {
    envelope = JSON.parse(text)
  } catch (error) {
    throw new InvalidPlanError(`malformed JSON (${(error as Error).message})`, ROOT_PATH, error)
  }
  if (!isJsonObject(envelope)) throw new InvalidPlanError(`expected a ${PLAN_JSON_ENCODING} envelope object, found ${describeJson(envelope)}`, ROOT_PATH)
  const encoding = envelope['encoding']
  if (encoding !== PLAN_JSON_ENCODING) {
    throw new InvalidPlanError(encoding === undefined
      ? `the envelope has no encoding (expected '${PLAN_JSON_ENCODING}')`
      : `unsupported encoding ${JSON.stringify(encoding)} (this version reads '${PLAN_JSON_ENCODING}')`, ROOT_PATH)
  }
  const found = envelope['payload']
  if (typeof found !== 'string' || !PAYLOADS.has(found)) throw new InvalidPlanError(`unknown payload ${JSON.stringify(found)} in the envelope`, ROOT_PATH)
  if (found !== payload) throw new InvalidPlanError(`expected a ${payload}, found a ${found}`, ROOT_PATH)
  if (!Object.hasOwn(envelope, 'value')) throw new InvalidPlanError('the envelope has no value', ROOT_PATH)
  return decode(envelope['value'], ROOT_PATH)
}

export function encodeLogicalPlan(plan: LogicalPlan): Uint8Array {
  return encodePlanJson('logical-plan', toTaggedJson(plan))
}

/** A logical plan from `encodeLogicalPlan`'s bytes; throws `InvalidPlanError` naming the problem and its JSON path. */
export function decodeLogicalPlan(bytes: Uint8Array): LogicalPlan {
  return decodePlanJson(bytes, 'logical-plan', logicalPlan)
}

export function encodePhysicalPlan(plan: PhysicalPlan): Uint8Array {
  return encodePlanJson('physical-plan', toTaggedJson(plan))
}

/** A physical plan from `encodePhysicalPlan`'s bytes; throws `InvalidPlanError` naming the problem and its JSON path. */
export function decodePhysicalPlan(bytes: Uint8Array): PhysicalPlan {
  return decodePlanJson(bytes, 'physical-plan', physicalPlan)
}

export function encodeExpr(e: Expr): Uint8Array {
  return encodePlanJson('expression', toTaggedJson(e))
}

export function decodeExpr(bytes: Uint8Array): Expr {
  return decodePlanJson(bytes, 'expression', expr)
}

export function encodeDataType(type: DataType): Uint8Array {
  return encodePlanJson('data-type', toTaggedJson(type))
}

export function decodeDataType(bytes: Uint8Array): DataType {
  return decodePlanJson(bytes, 'data-type', dataType)
}

/** Any plain data (numbers, bigint, bytes, arrays, Maps, plain objects...) in the envelope. */
export function encodeJsonValue(value: unknown): Uint8Array {
  return encodePlanJson('value', toTaggedJson(value))
}

/** The value of `encodeJsonValue`'s bytes (mutable, not frozen). */
export function decodeJsonValue(bytes: Uint8Array): unknown {
  return decodePlanJson(bytes, 'value', anyValue)
}
