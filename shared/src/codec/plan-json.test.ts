import { Buffer } from 'node:buffer'
import { describe, expect, it } from 'vitest'
import { Expr } from '../expr/expr.js'
import { Plan } from '../plan/logical-plan.js'
import { GrpcStatus } from '../errors/grpc-status.js'
import { InvalidPlanError } from '../errors/invalid-plan-error.js'
import { SluiceError } from '../errors/sluice-error.js'
import {
  DayTimeIntervalType, DecimalType, IntegerType, LongType, StringType, StructField, StructType, TimeType, YearMonthIntervalType, sameType,
} from '../types/data-type.js'
import {
  PLAN_JSON_ENCODING, decodeDataType, decodeExpr, decodeJsonValue, decodeLogicalPlan, decodePhysicalPlan,
  encodeDataType, encodeExpr, encodeJsonValue, encodeLogicalPlan, encodePhysicalPlan,
} from './plan-json.js'

const SCHEMA = StructType([StructField('a', IntegerType), StructField('b', StringType, true, { comment: 'x', $ref: 1 })])
const plan = Plan.filter(
  Plan.project(Plan.filter(Plan.localRelation(SCHEMA, [[1, 'x']]), Expr.call('>', [Expr.column('a'), Expr.literal(0, IntegerType)])), [Expr.column('a')]),
  Expr.call('isnotnull', [Expr.column('a')]),
)

/** The envelope of `encodeLogicalPlan(plan)` as parsed JSON, to spoil. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests spoil arbitrary paths of the parsed JSON
const envelope = () => JSON.parse(Buffer.from(encodeLogicalPlan(plan)).toString('utf8')) as { encoding: string; payload: string; value: any }
const bytesOf = (json: unknown) => new Uint8Array(Buffer.from(typeof json === 'string' ? json : JSON.stringify(json)))

function invalid(decode: () => unknown): InvalidPlanError {
  try {
    decode()
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidPlanError)
    return error as InvalidPlanError
  }
  throw new Error('expected an InvalidPlanError')
}

describe('sluice-plan-json/1', () => {
  it('writes the encoding id and the payload kind in an envelope', () => {
    const json = envelope()
    expect(json.encoding).toBe('sluice-plan-json/1')
    expect(PLAN_JSON_ENCODING).toBe('sluice-plan-json/1')
    expect(json.payload).toBe('logical-plan')
    expect(json.value.kind).toBe('Filter')
    expect(json.value.input.input.condition.args[1]).toEqual({ kind: 'Literal', value: 0, dataType: { kind: 'integer' } })
  })

  it('refuses another version, malformed JSON, bytes that are not UTF-8 and the wrong payload', () => {
    const other = envelope()
    other.encoding = 'sluice-plan-json/2'
    expect(invalid(() => decodeLogicalPlan(bytesOf(other))).message)
      .toBe("[INVALID_PLAN] Invalid plan: unsupported encoding \"sluice-plan-json/2\" (this version reads 'sluice-plan-json/1') at $.")
    expect(invalid(() => decodeLogicalPlan(bytesOf('{"encoding": "sluice-plan-json/1", "payload": '))).params['problem']).toMatch(/^malformed JSON \(/)
    expect(invalid(() => decodeLogicalPlan(new Uint8Array([0x7b, 0xff, 0x7d]))).params['problem']).toBe('the bytes are not UTF-8 text')
    expect(invalid(() => decodeLogicalPlan(bytesOf([1, 2]))).params['problem']).toBe('expected a sluice-plan-json/1 envelope object, found an array')
    expect(invalid(() => decodePhysicalPlan(encodeLogicalPlan(plan))).params['problem']).toBe('expected a physical-plan, found a logical-plan')
    const { encoding: _e, ...noEncoding } = envelope()
    expect(invalid(() => decodeLogicalPlan(bytesOf(noEncoding))).params['problem']).toBe("the envelope has no encoding (expected 'sluice-plan-json/1')")
  })

  it('names an unknown node kind and its path', () => {
    const json = envelope()
    json.value.input.input.kind = 'Sample'
    const error = invalid(() => decodeLogicalPlan(bytesOf(json)))
    expect(error.message).toBe("[INVALID_PLAN] Invalid plan: unknown logical plan node kind 'Sample' at $.input.input.kind.")
    expect(error.params).toEqual({ problem: "unknown logical plan node kind 'Sample'", path: '$.input.input.kind' })
    expect([error.errorClass, error.grpcStatus, error.domain, SluiceError.isInstance(error)]).toEqual(['INVALID_PLAN', GrpcStatus.INVALID_ARGUMENT, 'user', true])
    const expr = envelope()
    expr.value.input.exprs[0].kind = 'Column2'
    expect(invalid(() => decodeLogicalPlan(bytesOf(expr))).params['path']).toBe('$.input.exprs[0].kind')
    const physicalKindInLogical = envelope()
    physicalKindInLogical.value.input.input.input.kind = 'LocalScan'
    expect(invalid(() => decodeLogicalPlan(bytesOf(physicalKindInLogical))).params['problem']).toBe("unknown logical plan node kind 'LocalScan'")
  })

  it('names a missing required field, a mistyped one, an unknown one, with their paths', () => {
    const missing = envelope()
    delete missing.value.input.input.condition
    expect(invalid(() => decodeLogicalPlan(bytesOf(missing))).message)
      .toBe("[INVALID_PLAN] Invalid plan: missing required field 'condition' of logical plan node Filter at $.input.input.condition.")
    const noKind = envelope()
    delete noKind.value.input.kind
    expect(invalid(() => decodeLogicalPlan(bytesOf(noKind))).params).toEqual({ problem: "missing required field 'kind' of a logical plan node", path: '$.input.kind' })
    const mistyped = envelope()
    mistyped.value.input.input.condition.distinct = 'no'
    expect(invalid(() => decodeLogicalPlan(bytesOf(mistyped))).params).toEqual({ problem: 'expected a boolean, found a string', path: '$.input.input.condition.distinct' })
    const unknown = envelope()
    unknown.value.input.sample = 0.5
    expect(invalid(() => decodeLogicalPlan(bytesOf(unknown))).params).toEqual({ problem: "unknown field 'sample' of logical plan node Project", path: '$.input.sample' })
    const badType = envelope()
    badType.value.input.input.input.schema.fields[0].dataType = { kind: 'decimal', precision: 10 }
    expect(invalid(() => decodeLogicalPlan(bytesOf(badType))).params['path']).toBe('$.input.input.input.schema.fields[0].dataType.scale')
    const badTag = envelope()
    badTag.value.input.input.condition.args[1].value = { $bigint: '12x' }
    expect(invalid(() => decodeLogicalPlan(bytesOf(badTag))).params).toEqual({ problem: 'a $bigint must be a string of decimal digits', path: '$.input.input.condition.args[1].value.$bigint' })
    const unknownTag = envelope()
    unknownTag.value.input.input.condition.args[1].value = { $date: '2024-01-01' }
    expect(invalid(() => decodeLogicalPlan(bytesOf(unknownTag))).params['problem']).toBe("unknown tag '$date'")
    const taggedNode = envelope()
    taggedNode.value.input = { $bigint: '1' }
    expect(invalid(() => decodeLogicalPlan(bytesOf(taggedNode))).params).toEqual({ problem: 'expected a logical plan node, found a tagged $bigint', path: '$.input' })
    const notSortOrder = JSON.parse(Buffer.from(encodeLogicalPlan(Plan.sort(plan, [Expr.sortOrder(Expr.column('a'))]))).toString('utf8'))
    notSortOrder.value.orders[0] = { kind: 'Column', nameParts: ['a'] }
    expect(invalid(() => decodeLogicalPlan(bytesOf(notSortOrder))).params['problem']).toBe('expected a SortOrder expression, found a Column')
  })

  it('decodes frozen nodes, canonical types and unfrozen values; keeps $-keys, __proto__ keys and undefined members', () => {
    const options = JSON.parse('{"$weird": "1", "__proto__": "p", "path": "/x"}') as Record<string, string>
    const relation = Plan.relation({ format: 'json', paths: ['/x'], options, streaming: false })
    const withUndefined = { ...Plan.localRelation(SCHEMA, [[1n, new Uint8Array([1])]]), extra: undefined } as never
    const back = decodeLogicalPlan(encodeLogicalPlan(Plan.union([relation, Plan.limit(Plan.project(plan, [Expr.star()]), 3)])))
    expect(back).toStrictEqual(Plan.union([relation, Plan.limit(Plan.project(plan, [Expr.star()]), 3)]))
    const source = (back as { inputs: readonly { source: { options: Record<string, string> } }[] }).inputs[0]!.source
    expect(Object.getPrototypeOf(source.options)).toBe(Object.prototype)
    expect(Object.keys(source.options)).toEqual(['$weird', '__proto__', 'path'])
    expect(Object.isFrozen(source) && Object.isFrozen(source.options)).toBe(true)
    const schema = decodeDataType(encodeDataType(SCHEMA))
    expect(schema).toStrictEqual(SCHEMA)
    expect(sameType(schema, SCHEMA)).toBe(true)
    expect((schema as StructType).fields[0]!.dataType).toBe(IntegerType)
    expect(() => decodeLogicalPlan(encodeLogicalPlan(withUndefined))).toThrow(/unknown field 'extra' of logical plan node LocalRelation at \$\.extra/)
    const local = decodeLogicalPlan(encodeLogicalPlan(Plan.localRelation(SCHEMA, [[1n, new Uint8Array([1])]]))) as unknown as { rows: unknown[][] }
    expect(Object.isFrozen(local.rows)).toBe(true)
    expect(Object.isFrozen(local.rows[0])).toBe(false)
    const star = decodeExpr(encodeExpr({ kind: 'Star', qualifier: undefined } as never))
    expect(Object.hasOwn(star, 'qualifier')).toBe(true)
    expect(decodeExpr(encodeExpr(Expr.star()))).toStrictEqual(Expr.star())
  })

  it('round-trips generic values: bigint, bytes, special numbers, Map with any keys, Set, nested undefined', () => {
    const value = {
      big: [2n ** 64n, -(2n ** 63n), 0n], bytes: new Uint8Array([0, 255]), numbers: [Number.NaN, -0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e-300],
      map: new Map<unknown, unknown>([[1, 'a'], ['1', 'b'], [2n, new Map([['x', null]])]]), set: new Set([1, 'a']), hole: [1, undefined, 3],
      missing: undefined, $dollar: { $$two: 2 }, text: 'unicode ✓ \u2028',
    }
    const back = decodeJsonValue(encodeJsonValue(value)) as typeof value
    expect(back).toStrictEqual(value)
    expect(Object.is(back.numbers[1], -0)).toBe(true)
    expect(Object.hasOwn(back, 'missing')).toBe(true)
  })

  it('refuses to encode what is not plain data, naming where it is', () => {
    const withFunction = Plan.project(plan, [Expr.literal(() => 1, IntegerType)])
    expect(() => encodeLogicalPlan(withFunction)).toThrow(/cannot encode a function at \$\.exprs\[0\]\.value/)
    expect(() => encodeJsonValue({ when: new Date(0) })).toThrow(/cannot encode an instance of Date at \$\.when/)
    expect(() => encodeJsonValue([Symbol('x')])).toThrow(/cannot encode a symbol at \$\[0\]/)
  })

  it('carries physical plans and data types too', () => {
    const scan = Object.freeze({ kind: 'LocalScan' as const, schema: StructType([StructField('d', DecimalType(38, 2)), StructField('n', LongType)]), rows: Object.freeze([[10n ** 36n, 2n ** 63n - 1n]]) })
    expect(decodePhysicalPlan(encodePhysicalPlan(scan))).toStrictEqual(scan)
    const json = JSON.parse(Buffer.from(encodePhysicalPlan(scan)).toString('utf8'))
    delete json.value.schema
    expect(invalid(() => decodePhysicalPlan(bytesOf(json))).params).toEqual({ problem: "missing required field 'schema' of physical plan node LocalScan", path: '$.schema' })
    json.value.schema = { kind: 'integer' }
    expect(invalid(() => decodePhysicalPlan(bytesOf(json))).params).toEqual({ problem: "expected a struct type, found the type 'integer'", path: '$.schema.kind' })
  })
  it('should round-trip the ANSI interval and TIME types and refuse unknown fields of them', () => {
    for (const type of [YearMonthIntervalType(), YearMonthIntervalType('month'), DayTimeIntervalType(), DayTimeIntervalType('hour', 'minute'),
      DayTimeIntervalType('second'), TimeType(0), TimeType()]) {
      const back = decodeDataType(encodeDataType(type))
      expect(back).toStrictEqual(type)
      expect(Object.isFrozen(back)).toBe(true)
    }
    const bad = JSON.parse(new TextDecoder().decode(encodeDataType(DayTimeIntervalType()))) as { value: { startField: string } }
    bad.value.startField = 'week'
    expect(() => decodeDataType(new TextEncoder().encode(JSON.stringify(bad)))).toThrow(/startField/)
  })
})
