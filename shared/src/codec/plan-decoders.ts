/**
 * The validating decoders of plan-json: data types, expressions, logical and physical
 * plan nodes, one table of members per node kind. The tables are typed against the
 * node unions, so a new node kind or field does not compile until it is added here;
 * their keys are the kinds this version of the encoding knows.
 */
import type { Expr, SortOrderExpr } from '../expr/expr.js'
import type { FrameBoundary, WindowFrame, WindowSpec } from '../expr/window-expr.js'
import type { LogicalPlan, SourceSpec } from '../plan/logical-plan.js'
import type { PhysicalPlan, PushedFilter, StatefulInfo, ExpandExec } from '../plan/physical-plan.js'
import type { PhysicalFrameBoundary, PhysicalWindowFrame, WindowFunctionExec } from '../plan/window-exec.js'
import {
  ArrayType, BinaryType, BooleanType, ByteType, CalendarIntervalType, DateType, DecimalType, DoubleType, FloatType,
  IntegerType, LongType, MapType, NullType, ShortType, StringType, StructField, StructType, TimestampNTZType, TimestampType,
  DayTimeIntervalType, TimeType, YearMonthIntervalType, type DataType,
} from '../types/data-type.js'
import { InvalidPlanError } from '../errors/invalid-plan-error.js'
import {
  anyValue, arrayOf, boolean, integer, kindUnion, number, objectOf, oneOf, optional, recordOf, required, string, trueOnly,
  type Decoder, type FieldsOf,
} from './json-decoders.js'
import { memberPath } from './json-path.js'

type KindTable<U extends { readonly kind: string }> = { readonly [K in U['kind']]: FieldsOf<Extract<U, { readonly kind: K }>> }

// ---- data types ----

type StructFieldJson = { readonly name: string; readonly dataType: DataType; readonly nullable: boolean; readonly metadata: Readonly<Record<string, unknown>> }

const DATA_TYPE_FIELDS: KindTable<DataType> = {
  null: {}, boolean: {}, byte: {}, short: {}, integer: {}, long: {}, float: {}, double: {}, string: {}, binary: {},
  date: {}, timestamp: {}, timestamp_ntz: {}, interval: {},
  year_month_interval: { startField: required(oneOf('year', 'month')), endField: required(oneOf('year', 'month')) },
  day_time_interval: {
    startField: required(oneOf('day', 'hour', 'minute', 'second')), endField: required(oneOf('day', 'hour', 'minute', 'second')),
  },
  time: { precision: required(integer) },
  decimal: { precision: required(integer), scale: required(integer) },
  array: { elementType: required((j, p) => dataType(j, p)), containsNull: required(boolean) },
  map: { keyType: required((j, p) => dataType(j, p)), valueType: required((j, p) => dataType(j, p)), valueContainsNull: required(boolean) },
  struct: { fields: required(arrayOf((j, p) => structField(j, p))) },
}

const SIMPLE_TYPES: Readonly<Record<string, DataType>> = Object.freeze({
  null: NullType, boolean: BooleanType, byte: ByteType, short: ShortType, integer: IntegerType, long: LongType,
  float: FloatType, double: DoubleType, string: StringType, binary: BinaryType, date: DateType, timestamp: TimestampType,
  timestamp_ntz: TimestampNTZType, interval: CalendarIntervalType,
})

/** Rebuilds a decoded type with the factories: the shared constants, members in the factories' order (`sameType` compares JSON text). */
function canonicalType(t: DataType): DataType {
  switch (t.kind) {
    case 'decimal': return DecimalType(t.precision, t.scale)
    case 'year_month_interval': return YearMonthIntervalType(t.startField, t.endField)
    case 'day_time_interval': return DayTimeIntervalType(t.startField, t.endField)
    case 'time': return TimeType(t.precision)
    case 'array': return ArrayType(t.elementType, t.containsNull)
    case 'map': return MapType(t.keyType, t.valueType, t.valueContainsNull)
    case 'struct': return StructType(t.fields)
    default: return SIMPLE_TYPES[t.kind]!
  }
}

const structFieldObject = objectOf<StructFieldJson>('a struct field', {
  name: required(string), dataType: required((j, p) => dataType(j, p)), nullable: required(boolean), metadata: required(recordOf(anyValue)),
}, false)

function structField(json: unknown, path: string): StructField {
  const f = structFieldObject(json, path)
  return StructField(f.name, f.dataType, f.nullable, f.metadata as Record<string, unknown>)
}

export const dataType: Decoder<DataType> = kindUnion<DataType>('data type', () => DATA_TYPE_FIELDS, false, canonicalType)

export const structType: Decoder<StructType> = (json, path) => {
  const t = dataType(json, path)
  if (t.kind !== 'struct') throw new InvalidPlanError(`expected a struct type, found the type '${t.kind}'`, memberPath(path, 'kind'))
  return t
}

// ---- expressions ----

const frameBoundary: Decoder<FrameBoundary> = kindUnion<FrameBoundary>('window frame boundary', () => FRAME_BOUNDARY_FIELDS)
const FRAME_BOUNDARY_FIELDS: KindTable<FrameBoundary> = {
  UnboundedPreceding: {}, UnboundedFollowing: {}, CurrentRow: {},
  Offset: { value: required((j, p) => expr(j, p)) },
}
const windowFrame = objectOf<WindowFrame>('a window frame', {
  type: required(oneOf('rows', 'range')), lower: required(frameBoundary), upper: required(frameBoundary),
})
const windowSpec = objectOf<WindowSpec>('a window spec', {
  partitionBy: required(arrayOf((j, p) => expr(j, p))),
  orderBy: required(arrayOf((j, p) => sortOrder(j, p))),
  frame: optional(windowFrame),
})
const caseBranch = objectOf<{ readonly when: Expr; readonly then: Expr }>('a CASE branch', {
  when: required((j, p) => expr(j, p)), then: required((j, p) => expr(j, p)),
})

const exprs = arrayOf((j, p) => expr(j, p))
const sortOrders = arrayOf((j, p) => sortOrder(j, p))
const strings = arrayOf(string)
const integers = arrayOf(integer)

const EXPR_FIELDS: KindTable<Expr> = {
  Column: { nameParts: required(strings) },
  Star: { qualifier: optional(string) },
  Literal: { value: required(anyValue), dataType: required(dataType), fieldAccess: optional(boolean) },
  Alias: { child: required((j, p) => expr(j, p)), name: required(string) },
  Call: { name: required(string), args: required(exprs), distinct: required(boolean) },
  Cast: { child: required((j, p) => expr(j, p)), dataType: required(dataType), mode: required(oneOf('cast', 'try')) },
  CaseWhen: { branches: required(arrayOf(caseBranch)), otherwise: optional((j, p) => expr(j, p)) },
  Extract: { child: required((j, p) => expr(j, p)), key: required((j, p) => expr(j, p)) },
  SortOrder: { child: required((j, p) => expr(j, p)), ascending: required(boolean), nullsFirst: required(boolean) },
  Ref: { index: required(integer), name: required(string), dataType: required(dataType), nullable: required(boolean) },
  Window: { function: required((j, p) => expr(j, p)), spec: required(windowSpec), specName: optional(string) },
  LambdaFunction: { params: required(strings), body: required((j, p) => expr(j, p)) },
  LambdaVariable: { name: required(string), written: optional(string) },
  Subquery: {
    subqueryType: required(oneOf('scalar', 'exists', 'in')), plan: required((j, p) => logicalPlan(j, p)),
    values: required(exprs), outerReferences: optional(strings),
  },
}

export const expr: Decoder<Expr> = kindUnion<Expr>('expression', () => EXPR_FIELDS)

export const sortOrder: Decoder<SortOrderExpr> = (json, path) => {
  const e = expr(json, path)
  if (e.kind !== 'SortOrder') throw new InvalidPlanError(`expected a SortOrder expression, found a ${e.kind}`, memberPath(path, 'kind'))
  return e
}

// ---- logical plans ----

const sourceSpec = objectOf<SourceSpec>('a source', {
  format: required(string), paths: required(strings), options: required(recordOf(string)),
  userSchema: optional(structType), streaming: required(boolean), files: optional(strings),
})
/** Rows of a local relation or scan: the array frozen, the rows themselves not (as `Plan.localRelation`). */
const rows: Decoder<readonly unknown[][]> = arrayOf((json, path) => {
  const row = anyValue(json, path)
  if (!Array.isArray(row)) throw new InvalidPlanError(`expected a row (an array), found ${row === null ? 'null' : typeof row}`, path)
  return row
})
const fillValue: Decoder<unknown> = (json, path) => {
  const value = anyValue(json, path)
  const scalar = (v: unknown) => typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean'
  const ok = scalar(value) || (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype && Object.values(value).every(scalar))
  if (!ok) throw new InvalidPlanError('expected a number, string, boolean or an object of them', path)
  return typeof value === 'object' ? Object.freeze(value) : value
}
const plan = required((j, p) => logicalPlan(j, p))
const plans = arrayOf((j, p) => logicalPlan(j, p))

const LOGICAL_FIELDS: KindTable<LogicalPlan> = {
  Relation: { source: required(sourceSpec) },
  LocalRelation: { schema: required(structType), rows: required(rows) },
  TableRef: { name: required(string) },
  Project: { input: plan, exprs: required(exprs) },
  Filter: { input: plan, condition: required(expr) },
  Aggregate: { input: plan, grouping: required(exprs), aggregates: required(exprs), groupingSets: optional(arrayOf(integers)) },
  Join: {
    left: plan, right: plan, joinType: required(oneOf('inner', 'left', 'right', 'full', 'semi', 'anti', 'cross')),
    condition: optional(expr), using: optional(strings),
  },
  Union: { inputs: required(plans), byName: required(boolean), allowMissingColumns: required(boolean) },
  Sort: { input: plan, orders: required(sortOrders) },
  Limit: { input: plan, limit: required(number) },
  Deduplicate: { input: plan, keys: optional(strings), withinWatermark: required(boolean) },
  Distinct: { input: plan },
  WithWatermark: { input: plan, eventTime: required(string), delay: required(string) },
  SubqueryAlias: { input: plan, alias: required(string) },
  WithColumns: { input: plan, columns: required(arrayOf(objectOf<{ readonly name: string; readonly expr: Expr }>('a column', { name: required(string), expr: required(expr) }))) },
  DropColumns: { input: plan, names: required(strings) },
  RenameColumns: { input: plan, renames: required(arrayOf(objectOf<{ readonly from: string; readonly to: string }>('a rename', { from: required(string), to: required(string) }))) },
  RenameAllColumns: { input: plan, names: required(strings) },
  FillNulls: { input: plan, value: required(fillValue), subset: optional(strings) },
  DropNulls: { input: plan, how: required(oneOf('any', 'all')), thresh: optional(number), subset: optional(strings) },
  SetOperation: { left: plan, right: plan, operation: required(oneOf('intersect', 'except')), all: required(boolean) },
  Describe: { input: plan, columns: required(strings), statistics: optional(strings) },
  Window: { input: plan, windowExprs: required(exprs), partitionSpec: required(exprs), orderSpec: required(sortOrders), columnNames: optional(strings) },
  Pivot: { input: plan, grouping: required(exprs), pivotColumn: required(expr), values: optional(exprs), aggregates: required(exprs) },
}

export const logicalPlan: Decoder<LogicalPlan> = kindUnion<LogicalPlan>('logical plan node', () => LOGICAL_FIELDS)

// ---- physical plans ----

const statefulInfo = objectOf<StatefulInfo>('stateful operator info', { operatorId: required(integer), numPartitions: required(integer) })
const pushedFilter = objectOf<PushedFilter>('a pushed filter', {
  column: required(string), op: required(oneOf('=', '<', '<=', '>', '>=')), value: required(anyValue),
})
const slidingWindow = objectOf<NonNullable<ExpandExec['slidingWindow']>>('a sliding window', {
  timeExpr: required(expr), windowMicros: required(number), slideMicros: required(number), startMicros: required(number), outputIndex: required(integer),
})
const physicalFrameBoundary = kindUnion<PhysicalFrameBoundary>('window frame boundary', () => PHYSICAL_FRAME_BOUNDARY_FIELDS)
const PHYSICAL_FRAME_BOUNDARY_FIELDS: KindTable<PhysicalFrameBoundary> = {
  unboundedPreceding: {}, unboundedFollowing: {}, currentRow: {},
  rows: { offset: required(number) },
  range: { bound: required(expr) },
}
const windowFunction = objectOf<WindowFunctionExec>('a window function', {
  kind: required(oneOf('row_number', 'rank', 'dense_rank', 'percent_rank', 'cume_dist', 'ntile', 'lag', 'lead', 'nth_value', 'aggregate')),
  function: required(expr),
  frame: required(objectOf<PhysicalWindowFrame>('a window frame', { type: required(oneOf('rows', 'range')), lower: required(physicalFrameBoundary), upper: required(physicalFrameBoundary) })),
  sql: required(string),
  columnName: optional(string),
} as FieldsOf<WindowFunctionExec>)
const exec = required((j, p) => physicalPlan(j, p))
const schema = required(structType)
const physicalJoinType = oneOf('inner', 'left', 'right', 'full', 'semi', 'anti', 'cross', 'existence', 'single')

const PHYSICAL_FIELDS: KindTable<PhysicalPlan> = {
  FileScan: { schema, source: required(sourceSpec), requiredColumns: optional(integers), pushedFilters: optional(arrayOf(pushedFilter)) },
  LocalScan: { schema, rows: required(rows) },
  StreamInput: { schema, sourceIndex: required(integer), source: required(sourceSpec), requiredColumns: optional(integers) },
  Project: { schema, input: exec, exprs: required(exprs) },
  Filter: { schema, input: exec, condition: required(expr) },
  HashAggregate: {
    schema, input: exec, grouping: required(exprs), aggregates: required(exprs), results: required(exprs), stateful: optional(statefulInfo),
    eventTimeGroupingIndex: optional(integer), sessionWindowIndex: optional(integer), fromExcept: optional(trueOnly),
  },
  Expand: { schema, input: exec, projections: required(arrayOf(exprs)), slidingWindow: optional(slidingWindow) },
  HashJoin: {
    schema, left: exec, right: exec, joinType: required(physicalJoinType), leftKeys: required(exprs), rightKeys: required(exprs),
    residual: optional(expr), output: optional(exprs),
  },
  NestedLoopJoin: { schema, left: exec, right: exec, joinType: required(physicalJoinType), condition: optional(expr), output: optional(exprs) },
  StreamStreamJoin: {
    schema, left: exec, right: exec, joinType: required(oneOf('inner', 'left', 'right', 'full', 'semi')), leftKeys: required(exprs), rightKeys: required(exprs),
    residual: optional(expr), stateful: required(statefulInfo), leftEventTimeIndex: optional(integer), rightEventTimeIndex: optional(integer),
    stateRetentionMicros: optional(number),
  },
  Union: { schema, inputs: required(arrayOf((j, p) => physicalPlan(j, p))) },
  Sort: { schema, input: exec, orders: required(sortOrders) },
  Limit: { schema, input: exec, limit: required(number), stateful: optional(statefulInfo) },
  Deduplicate: {
    schema, input: exec, keyIndexes: required(integers), stateful: optional(statefulInfo), eventTimeIndex: optional(integer),
    withinWatermark: required(boolean), watermarkDelayMicros: optional(number),
  },
  Watermark: { schema, input: exec, eventTimeIndex: required(integer), delayMicros: required(number), watermarkId: required(integer) },
  Generate: { schema, input: exec, generator: required(expr), function: required(oneOf('explode', 'posexplode', 'inline')), outer: required(boolean) },
  SetOperation: { schema, left: exec, right: exec, operation: required(oneOf('intersect', 'except')), all: required(boolean) },
  Window: { schema, input: exec, partitionSpec: required(exprs), orderSpec: required(sortOrders), functions: required(arrayOf(windowFunction)) },
}

export const physicalPlan: Decoder<PhysicalPlan> = kindUnion<PhysicalPlan>('physical plan node', () => PHYSICAL_FIELDS)

/** The node kinds this version of the encoding knows (the keys of the typed tables). */
export const LOGICAL_PLAN_KINDS: readonly LogicalPlan['kind'][] = Object.freeze(Object.keys(LOGICAL_FIELDS) as LogicalPlan['kind'][])
export const PHYSICAL_PLAN_KINDS: readonly PhysicalPlan['kind'][] = Object.freeze(Object.keys(PHYSICAL_FIELDS) as PhysicalPlan['kind'][])
export const EXPR_KINDS: readonly Expr['kind'][] = Object.freeze(Object.keys(EXPR_FIELDS) as Expr['kind'][])
export const DATA_TYPE_KINDS: readonly DataType['kind'][] = Object.freeze(Object.keys(DATA_TYPE_FIELDS) as DataType['kind'][])
