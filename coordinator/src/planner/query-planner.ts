import {
  AnalysisError, Expr, Plan, StructField, StructType, anyExpr, compileAggregate, compileExpr, exprChildren, exprOutputName,
  intervalDurationMicros, isAggregateFunctionName, parseDurationMicros, physicalChildren, transformExpr,
  type CallExpr, type EvalContext, type HashAggregateExec, type LogicalPlan, type PhysicalPlan, type RelationNode, type SourceSpec, type StreamStreamJoinExec,
} from '@sluice/shared'
import type { PlannerContext } from './planner-context.js'
import type { Planned } from './planned.js'
import { bindAllColumns, bindQualifiedColumns, columnRef } from './bind-columns.js'
import { columnEdits, describePlan, dropNullsCondition } from './column-edit-plans.js'
import { pivotPlan, pivotValuesQuery, tooManyPivotValues } from './pivot-plan.js'
import { equiJoinKeys, pushableFilters, refIndexes, splitConjuncts, timeBound } from './conditions.js'
import { requiredColumnsByRelation, type RequiredNames } from './required-columns.js'
import { checkStreamingJoinType, sparkJoinTypeName } from './streaming-join-types.js'
import { hasSubqueryExpressions, planWithSubqueries } from './subqueries.js'
import { extractWindowExpressions } from './extract-window-expressions.js'
import { planWindow } from './plan-window.js'
import { numberStatefulOperatorsTopDown } from './stateful-operator-ids.js'

/** A planned query: the physical plan and what a streaming run needs to wire it. */
export interface PlannedQuery {
  readonly plan: PhysicalPlan
  /** Streaming sources in source-index order (the order of lines in `offsets/N`). */
  readonly streamingSources: readonly SourceSpec[]
  readonly statefulOperatorCount: number
  /** Watermark delays by watermark id. */
  readonly watermarks: readonly { readonly id: number; readonly delayMicros: number }[]
}

/**
 * Analyzes a logical plan and plans it into physical operators in one pass:
 * resolves names and types (compiling every expression once, so unknown columns
 * and functions fail here, before any data is read), prunes columns into scans,
 * splits aggregates out of expressions, and in a streaming query gives stateful
 * operators their ids.
 */
export async function planQuery(plan: LogicalPlan, context: PlannerContext): Promise<PlannedQuery> {
  const analyzed = extractWindowExpressions(plan)
  const planner = new QueryPlanner(context, requiredColumnsByRelation(analyzed))
  const planned = await planner.plan(analyzed)
  return {
    plan: numberStatefulOperatorsTopDown(planned.exec),
    streamingSources: planner.streamingSources,
    statefulOperatorCount: planner.nextOperatorId,
    watermarks: planner.watermarks,
  }
}

class QueryPlanner {
  readonly streamingSources: SourceSpec[] = []
  readonly watermarks: { id: number; delayMicros: number }[] = []
  nextOperatorId = 0

  /** Inputs already planned, under placeholder leaves (the subquery rewrites put nodes over joined rows). */
  readonly preplanned = new Map<LogicalPlan, Planned>()

  constructor(private readonly context: PlannerContext, private readonly required: Map<RelationNode, RequiredNames>) {}

  get evalContext(): EvalContext { return this.context.evalContext }

  async plan(node: LogicalPlan): Promise<Planned> {
    const preplanned = this.preplanned.get(node)
    if (preplanned !== undefined) return preplanned
    if (hasSubqueryExpressions(node)) return planWithSubqueries(this, node)
    switch (node.kind) {
      case 'Relation': return this.planRelation(node)
      case 'LocalRelation': return leaf({ kind: 'LocalScan', schema: node.schema, rows: node.rows })
      case 'TableRef': {
        const entry = this.context.catalog.lookup(node.name)
        if (entry === undefined) {
          throw new AnalysisError('TABLE_OR_VIEW_NOT_FOUND', `The table or view \`${node.name}\` cannot be found. Known: [${this.context.catalog.names().join(', ')}].`, { relationName: node.name })
        }
        const inner = entry.kind === 'view'
          ? await this.planView(entry.plan)
          : leaf({ kind: 'LocalScan', schema: entry.schema, rows: entry.rows() })
        return { ...inner, qualifiers: inner.qualifiers.map(() => node.name) }
      }
      case 'SubqueryAlias': {
        const inner = await this.plan(node.input)
        return { ...inner, qualifiers: inner.qualifiers.map(() => node.alias) }
      }
      case 'Project': {
        const input = await this.plan(node.input)
        if (node.exprs.some((e) => anyExpr(e, isAggregateCall))) return this.planAggregate(input, [], node.exprs)
        return this.planProject(input, node.exprs)
      }
      case 'Filter': return this.planFilter(node.input, node.condition)
      case 'Aggregate': return this.planAggregate(await this.plan(node.input), node.grouping, node.aggregates, node.groupingSets)
      case 'Join': return this.planJoin(node.left, node.right, node.joinType, node.condition, node.using)
      case 'Union': return this.planUnion(node.inputs, node.byName, node.allowMissingColumns)
      case 'Describe': {
        const input = await this.plan(node.input)
        return this.plan(describePlan(node, input.exec.schema))
      }
      case 'Pivot': return this.planPivot(node)
      case 'SetOperation': {
        const left = await this.plan(node.left)
        const right = await this.plan(node.right)
        const [l, r] = [left.exec.schema.fields, right.exec.schema.fields]
        if (l.length !== r.length) {
          throw new AnalysisError('NUM_COLUMNS_MISMATCH', `${node.operation.toUpperCase()} can only be performed on inputs with the same number of columns, but the first input has ${l.length} columns and the second input has ${r.length} columns.`)
        }
        if (node.operation === 'intersect' && (isStreaming(left.exec) || isStreaming(right.exec))) {
          throw new AnalysisError('UNSUPPORTED_STREAMING_OPERATION', 'Intersect of streaming DataFrames/Datasets is not supported')
        }
        if (isStreaming(right.exec)) {
          throw new AnalysisError('UNSUPPORTED_STREAMING_OPERATION', 'Except on a streaming DataFrame/Dataset on the right is not supported')
        }
        if (isStreaming(left.exec) && node.operation === 'except' && !node.all) return this.planStreamingExcept(left, right)
        if (isStreaming(left.exec)) {
          // NOTE: Spark rewrites EXCEPT ALL into a union of both sides (the static one re-read each batch) under a
          // streaming sum and replicate_rows; not built here.
          throw new AnalysisError('UNSUPPORTED_STREAMING_OPERATION', 'EXCEPT ALL with a streaming DataFrame/Dataset on the left is not supported yet')
        }
        return { ...left, exec: { kind: 'SetOperation', left: left.exec, right: right.exec, operation: node.operation, all: node.all, schema: left.exec.schema } }
      }
      case 'Sort': {
        const input = await this.plan(node.input)
        const orders = node.orders.map((o) => Expr.sortOrder(this.bind(o.child, input), o.ascending, o.nullsFirst))
        for (const o of orders) compileExpr(o.child, input.exec.schema, this.context.evalContext)
        return { ...input, exec: { kind: 'Sort', input: input.exec, orders, schema: input.exec.schema } }
      }
      case 'Limit': {
        const input = await this.plan(node.input)
        // Spark's StreamingGlobalLimitStrategy: in append mode, or over no streaming aggregation, the limit
        // counts across batches (StreamingGlobalLimitExec); over an aggregation in complete mode it applies
        // to each batch's whole result table.
        const appends = this.context.outputMode === 'append' || !hasStreamingAggregate(input.exec)
        const stateful = isStreaming(input.exec) && appends
          ? { stateful: { operatorId: this.nextOperatorId++, numPartitions: 1 } } : {}
        return { ...input, exec: { kind: 'Limit', input: input.exec, limit: node.limit, schema: input.exec.schema, ...stateful } }
      }
      case 'Deduplicate': return this.planDeduplicate(await this.plan(node.input), node.keys, node.withinWatermark)
      case 'Window': {
        const input = await this.plan(node.input)
        return planWindow(node, input, (e) => this.bind(e, input), this.context.evalContext)
      }
      case 'Distinct': {
        // Spark's ReplaceDistinctWithAggregate: on a stream SQL DISTINCT is a streaming aggregation over every
        // column (append mode needs a watermarked column); a batch query keeps the first row of each.
        const input = await this.plan(node.input)
        if (!isStreaming(input.exec)) return this.planDeduplicate(input, undefined, false)
        const columns = input.exec.schema.fields.map((_, i) => columnRef(input.exec.schema, i))
        return this.planAggregate(input, columns, columns)
      }
      case 'WithWatermark': return this.planWatermark(await this.plan(node.input), node.eventTime, node.delay)
      case 'WithColumns': case 'DropColumns': case 'RenameColumns': case 'RenameAllColumns': case 'FillNulls': {
        const input = await this.plan(node.input)
        return this.planProject(input, columnEdits(node, input.exec.schema))
      }
      case 'DropNulls': {
        const input = await this.plan(node.input)
        const condition = dropNullsCondition(node, input.exec.schema)
        return condition === undefined ? input : { ...input, exec: { kind: 'Filter', input: input.exec, condition, schema: input.exec.schema } }
      }
    }
  }

  /**
   * A stream EXCEPT a static DataFrame, as Spark's optimizer makes it: each batch's rows not in the static
   * side (a null-safe left anti join), then a streaming Distinct (an aggregation over every column): a row
   * is emitted as a streaming aggregation emits its group (update mode: in each batch it occurs; append
   * mode: once the watermark passes its event-time column).
   */
  private planStreamingExcept(left: Planned, right: Planned): Planned {
    const schema = left.exec.schema
    const antiJoined: Planned = { ...left, exec: { kind: 'SetOperation', left: left.exec, right: right.exec, operation: 'except', all: false, schema } }
    const columns = schema.fields.map((_, i) => columnRef(schema, i))
    const distinct = this.planAggregate(antiJoined, columns, columns)
    return { ...distinct, exec: { ...(distinct.exec as HashAggregateExec), fromExcept: true } }
  }

  private planView(viewPlan: LogicalPlan): Promise<Planned> {
    const analyzed = extractWindowExpressions(viewPlan)
    return new QueryPlanner(this.context, requiredColumnsByRelation(analyzed)).planInto(analyzed, this)
  }

  /** Plans a view's plan with this planner's streaming state (source indexes, operator ids). */
  async planInto(plan: LogicalPlan, outer: QueryPlanner): Promise<Planned> {
    this.nextOperatorId = outer.nextOperatorId
    const planned = await this.plan(plan)
    outer.nextOperatorId = this.nextOperatorId
    outer.streamingSources.push(...this.streamingSources)
    outer.watermarks.push(...this.watermarks)
    return planned
  }

  /** Pivot values come from the user or, as in Spark, from a query of the column's distinct values. */
  private async planPivot(node: Extract<LogicalPlan, { kind: 'Pivot' }>): Promise<Planned> {
    const pivotColumn = await this.plan(Plan.project(node.input, [node.pivotColumn]))
    if (isStreaming(pivotColumn.exec)) {
      throw new AnalysisError('UNSUPPORTED_STREAMING_OPERATION', 'Queries with streaming sources must be executed with writeStream.start(); pivot is not supported on streaming DataFrames/Datasets.')
    }
    const pivotType = pivotColumn.exec.schema.fields[0]!.dataType
    const timeZone = this.context.evalContext.timeZone
    let values = node.values
    if (values === undefined) {
      const maxValues = this.context.pivotMaxValues ?? 10_000
      if (!this.context.collectRows) throw new AnalysisError('UNSUPPORTED_FEATURE', 'A pivot without values needs to run a query, which this planner cannot.')
      const rows = await this.context.collectRows(pivotValuesQuery(node, maxValues))
      if (rows.length > maxValues) throw tooManyPivotValues(node, maxValues, timeZone)
      values = rows.map((row) => Expr.literal(row[0] ?? null, pivotType))
    }
    return this.plan(pivotPlan(node, values, pivotType, timeZone))
  }

  private async planRelation(node: RelationNode): Promise<Planned> {
    const schema = await this.context.resolveSourceSchema(node.source, this.context.evalContext.timeZone)
    const required = this.required.get(node) ?? 'all'
    const requiredColumns = required === 'all'
      ? undefined
      : schema.fields.flatMap((f, i) => (required.has(f.name.toLowerCase()) || isCorruptRecordColumn(f.name, node.source) ? [i] : []))
    const pruning = requiredColumns === undefined ? {} : { requiredColumns }
    if (node.source.streaming) {
      const sourceIndex = this.streamingSources.length
      this.streamingSources.push(node.source)
      return leaf({ kind: 'StreamInput', sourceIndex, source: node.source, schema, ...pruning })
    }
    return leaf({ kind: 'FileScan', source: node.source, schema, ...pruning })
  }

  private bind(expr: Expr, input: Planned): Expr {
    return bindQualifiedColumns(expr, input.exec.schema, input.qualifiers, input.repeats)
  }

  private planProject(inputIn: Planned, exprs: readonly Expr[]): Planned {
    let input = inputIn
    let expanded = expandStars(exprs, input)
    const generatorIndex = expanded.findIndex((e) => isGeneratorCall(e.kind === 'Alias' ? e.child : e))
    if (generatorIndex >= 0) {
      // A generator in a select list: a Generate adds its columns, the projection references them.
      const entry = expanded[generatorIndex]!
      const call = (entry.kind === 'Alias' ? entry.child : entry) as CallExpr
      const generated = this.planGenerate(input, call, entry.kind === 'Alias' ? entry.name : undefined)
      const width = input.exec.schema.fields.length
      const refs = generated.exec.schema.fields.slice(width).map((f, i) => Expr.ref(width + i, f.name, f.dataType, f.nullable))
      expanded = [...expanded.slice(0, generatorIndex), ...refs, ...expanded.slice(generatorIndex + 1)]
      input = generated
    }
    const bound = expanded.map((e) => this.bind(e, input))
    const compiled = bound.map((e) => compileExpr(e, input.exec.schema, this.context.evalContext))
    const schema = StructType(compiled.map((c) => StructField(c.name, c.dataType, c.nullable)))
    const eventTime = new Set<number>()
    const qualifiers = bound.map((e, i) => {
      const source = passThroughIndex(e, input)
      if (source !== undefined && input.eventTime.has(source)) eventTime.add(i)
      if (isWindowCall(e)) eventTime.add(i)
      return source === undefined ? undefined : input.qualifiers[source]
    })
    const repeats = repeatedColumns(bound, input)
    return { exec: { kind: 'Project', input: input.exec, exprs: bound, schema }, qualifiers, eventTime, ...(repeats ? { repeats } : {}), ...delayOf(input) }
  }

  private planGenerate(input: Planned, call: CallExpr, alias: string | undefined): Planned {
    const name = call.name.toLowerCase()
    const outer = name.endsWith('_outer')
    const fn = name.replace(/_outer$/, '') as 'explode' | 'posexplode' | 'inline'
    const argument = this.bind(call.args[0]!, input)
    const compiled = compileExpr(argument, input.exec.schema, this.context.evalContext)
    const type = compiled.dataType
    let fields: StructField[]
    if (fn === 'inline') {
      if (type.kind !== 'array' || type.elementType.kind !== 'struct') throw generatorType(name, 'ARRAY<STRUCT>', compiled.name)
      fields = type.elementType.fields.map((f) => StructField(f.name, f.dataType, true))
    } else if (type.kind === 'array') {
      fields = [StructField(alias ?? 'col', type.elementType, true)]
    } else if (type.kind === 'map') {
      fields = [StructField('key', type.keyType, outer), StructField('value', type.valueType, true)]
    } else throw generatorType(name, 'ARRAY or MAP', compiled.name)
    if (fn === 'posexplode') fields = [StructField('pos', { kind: 'integer' }, outer), ...fields]
    const schema = StructType([...input.exec.schema.fields, ...fields])
    return {
      exec: { kind: 'Generate', input: input.exec, generator: argument, function: fn, outer, schema },
      qualifiers: [...input.qualifiers, ...fields.map(() => undefined)],
      eventTime: input.eventTime,
      ...delayOf(input),
    }
  }

  private async planFilter(inputPlan: LogicalPlan, condition: Expr): Promise<Planned> {
    if (inputPlan.kind === 'Aggregate' && anyExpr(condition, isAggregateCall)) return this.planHaving(inputPlan, condition)
    let input = await this.plan(inputPlan)
    const bound = this.bind(condition, input)
    const compiled = compileExpr(bound, input.exec.schema, this.context.evalContext)
    if (input.exec.kind === 'FileScan') {
      const pushedFilters = pushableFilters(bound, input.exec.schema)
      if (pushedFilters.length > 0) input = { ...input, exec: { ...input.exec, pushedFilters: [...(input.exec.pushedFilters ?? []), ...pushedFilters] } }
    }
    if (compiled.dataType.kind !== 'boolean' && compiled.dataType.kind !== 'null') {
      throw new AnalysisError('DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN', `Filter expression \`${compiled.name}\` of type "${compiled.dataType.kind}" is not a boolean.`)
    }
    return { ...input, exec: { kind: 'Filter', input: input.exec, condition: bound, schema: input.exec.schema } }
  }

  /** HAVING: the condition is evaluated as a hidden output of the aggregate, then projected away. */
  private async planHaving(aggregate: Extract<LogicalPlan, { kind: 'Aggregate' }>, condition: Expr): Promise<Planned> {
    const aliases = new Map<string, Expr>()
    for (const e of aggregate.aggregates) if (e.kind === 'Alias') aliases.set(e.name.toLowerCase(), e.child)
    const resolved = transformExpr(condition, (n) =>
      n.kind === 'Column' && n.nameParts.length === 1 ? aliases.get(n.nameParts[0]!.toLowerCase()) : undefined)
    const input = await this.plan(aggregate.input)
    const withHaving = this.planAggregate(input, aggregate.grouping,
      [...aggregate.aggregates, Expr.alias(resolved, '__having')], aggregate.groupingSets)
    const width = aggregate.aggregates.length
    const schema = withHaving.exec.schema
    const filtered: PhysicalPlan = {
      kind: 'Filter', input: withHaving.exec, schema,
      condition: Expr.ref(width, '__having', schema.fields[width]!.dataType, true),
    }
    const outputs = schema.fields.slice(0, width).map((f, i) => Expr.ref(i, f.name, f.dataType, f.nullable))
    return {
      exec: { kind: 'Project', input: filtered, exprs: outputs, schema: StructType(schema.fields.slice(0, width)) },
      qualifiers: withHaving.qualifiers.slice(0, width),
      eventTime: new Set([...withHaving.eventTime].filter((i) => i < width)),
    }
  }

  private planAggregate(input: Planned, groupingIn: readonly Expr[], outputsIn: readonly Expr[], groupingSets?: readonly (readonly number[])[]): Planned {
    let current = input
    // An aliased grouping expression groups by the expression; the alias only names the output column.
    let grouping = groupingIn.map((g) => this.bind(g.kind === 'Alias' ? g.child : g, current))
    let outputs = outputsIn.flatMap((o) => (o.kind === 'Star' ? expandStars([o], current) : [o])).map((o) => this.bind(countStarAsCountOne(o), current))
    const evalContext = this.context.evalContext

    const sessionIndex = grouping.findIndex(isSessionWindowCall)
    if (sessionIndex >= 0) {
      const key = exprKey(grouping[sessionIndex]!)
      outputs = outputs.map((o) => (exprKey(o) === key ? Expr.alias(o, 'session_window') : o))
    }
    // Event-time windows become a column added by an Expand (one row per window a row falls in).
    const windowIndex = grouping.findIndex(isWindowCall)
    if (windowIndex >= 0) {
      const call = grouping[windowIndex] as CallExpr
      const expanded = this.expandWindow(current, call)
      const windowRef = Expr.ref(current.exec.schema.fields.length, 'window', expanded.exec.schema.fields.at(-1)!.dataType, false)
      const key = exprKey(call)
      const replace = (e: Expr) => transformExpr(e, (n) => (exprKey(n) === key ? windowRef : undefined))
      grouping = grouping.map(replace)
      outputs = outputs.map((o) => (exprKey(o) === key ? Expr.alias(windowRef, 'window') : replace(o)))
      current = expanded
    }

    const groupingCompiled = grouping.map((g) => compileExpr(g, current.exec.schema, evalContext))
    let aggregateInput = current
    let groupingForAggregate: readonly Expr[] = grouping
    if (groupingSets !== undefined) {
      aggregateInput = this.expandGroupingSets(current, grouping, groupingCompiled, groupingSets)
      const width = current.exec.schema.fields.length
      groupingForAggregate = [...grouping.map((_, i) => {
        const f = aggregateInput.exec.schema.fields[width + i]!
        return Expr.ref(width + i, f.name, f.dataType, true)
      }), Expr.ref(width + grouping.length, 'spark_grouping_id', { kind: 'long' }, false)]
    }

    const aggregateCalls: CallExpr[] = []
    const aggregateKeys = new Map<string, number>()
    for (const o of outputs) collectAggregateCalls(o, aggregateCalls, aggregateKeys)
    const aggregatesCompiled = aggregateCalls.map((c) => compileAggregate(c, aggregateInput.exec.schema, evalContext))

    const groupingNames = groupingCompiled.map((g) => g.name)
    const intermediate = StructType([
      ...groupingForAggregate.map((g, i) => StructField(groupingNames[i] ?? 'spark_grouping_id', i < groupingCompiled.length ? groupingCompiled[i]!.dataType : { kind: 'long' }, true)),
      ...aggregatesCompiled.map((a) => StructField(a.name, a.dataType, a.nullable)),
    ])
    const groupingKeys = grouping.map(exprKey)
    const global = grouping.length === 0 && groupingSets === undefined
    const G = groupingForAggregate.length
    const rewrite = (e: Expr): Expr => transformExpr(e, (n) => {
      const g = groupingKeys.indexOf(exprKey(n))
      if (g >= 0 && n.kind !== 'Literal') {
        const f = intermediate.fields[g]!
        return Expr.ref(g, f.name, f.dataType, f.nullable)
      }
      if (n.kind === 'Call' && isAggregateFunctionName(n.name)) {
        const a = aggregateKeys.get(exprKey(n))!
        const f = intermediate.fields[G + a]!
        return Expr.ref(G + a, f.name, f.dataType, f.nullable)
      }
      // An input column bound before grouping that is neither grouped nor aggregated (Spark's CheckAnalysis).
      if (n.kind === 'Ref') throw global ? missingGroupBy() : missingAggregationError(n)
      return undefined
    })
    const results = outputs.map((o) => {
      const name = o.kind === 'Alias' ? o.name : exprOutputName(o)
      const inner = o.kind === 'Alias' ? o.child : o
      return Expr.alias(rewrite(inner), name)
    })
    const resultsCompiled = results.map((r) => {
      try {
        return compileExpr(r, intermediate, evalContext)
      } catch (error) {
        throw missingAggregation(error, r, global)
      }
    })
    const schema = StructType(resultsCompiled.map((c) => StructField(c.name, c.dataType, c.nullable)))
    const eventTimeGroupingIndex = windowIndex >= 0 ? windowIndex : sessionIndex >= 0 ? sessionIndex
      : grouping.findIndex((g) => { const s = passThroughIndex(g, current); return s !== undefined && current.eventTime.has(s) })
    const streaming = isStreaming(input.exec)
    const exec: PhysicalPlan = {
      kind: 'HashAggregate', input: aggregateInput.exec, grouping: groupingForAggregate, aggregates: aggregateCalls, results, schema,
      ...(streaming ? { stateful: { operatorId: this.nextOperatorId++, numPartitions: this.context.shufflePartitions } } : {}),
      ...(eventTimeGroupingIndex >= 0 && (windowIndex >= 0 || sessionIndex >= 0 || current.eventTime.size > 0) ? { eventTimeGroupingIndex } : {}),
      ...(sessionIndex >= 0 ? { sessionWindowIndex: sessionIndex } : {}),
    }
    const eventTime = new Set<number>()
    results.forEach((r, i) => {
      const child = r.kind === 'Alias' ? r.child : r
      if (child.kind === 'Ref' && child.index === eventTimeGroupingIndex && (windowIndex >= 0 || sessionIndex >= 0 || current.eventTime.size > 0)) eventTime.add(i)
    })
    // A grouping column keeps its relation's qualifier (Spark's output attribute is the input's), so a
    // correlated subquery in the select list can read it as `t.k`.
    const qualifiers = outputs.map((o) => {
      const source = groupingKeys.includes(exprKey(o.kind === 'Alias' ? o.child : o)) ? passThroughIndex(o, current) : undefined
      return source === undefined ? undefined : current.qualifiers[source]
    })
    return { exec, qualifiers, eventTime, ...delayOf(current) }
  }

  private expandWindow(input: Planned, call: CallExpr): Planned {
    let [timeExpr] = call.args
    const [, windowArg, slideArg, startArg] = call.args
    const windowMicros = durationArg(windowArg, 'windowDuration')
    const slideMicros = slideArg === undefined ? windowMicros : durationArg(slideArg, 'slideDuration')
    const startMicros = startArg === undefined ? 0 : durationArg(startArg, 'startTime')
    if (windowMicros <= 0 || slideMicros <= 0 || slideMicros > windowMicros) {
      throw new AnalysisError('DATATYPE_MISMATCH.PARAMETER_CONSTRAINT_VIOLATION', 'The window duration and slide duration must be positive, and the slide no longer than the window.')
    }
    // A window over a window struct windows its event time, window_time (Spark's TimeWindowing): chained aggregations.
    const given = compileExpr(timeExpr!, input.exec.schema, this.context.evalContext)
    if (given.dataType.kind === 'struct' && isWindowStruct(given.dataType)) timeExpr = Expr.call('window_time', [timeExpr!])
    const time = compileExpr(timeExpr!, input.exec.schema, this.context.evalContext)
    if (time.dataType.kind !== 'timestamp' && time.dataType.kind !== 'timestamp_ntz') {
      throw new AnalysisError('DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE', `The first argument of window must be a timestamp, not "${time.dataType.kind}" (\`${time.name}\`).`)
    }
    const width = input.exec.schema.fields.length
    const windowType = StructType([StructField('start', time.dataType, true), StructField('end', time.dataType, true)])
    const passThrough = input.exec.schema.fields.map((f, i) => Expr.ref(i, f.name, f.dataType, f.nullable))
    const schema = StructType([...input.exec.schema.fields, StructField('window', windowType, false)])
    return {
      exec: {
        kind: 'Expand', input: input.exec, schema,
        projections: [[...passThrough, Expr.literal(null, windowType)]],
        slidingWindow: { timeExpr: timeExpr!, windowMicros, slideMicros, startMicros, outputIndex: width },
      },
      qualifiers: [...input.qualifiers, undefined],
      eventTime: new Set([...input.eventTime, width]),
      ...delayOf(input),
    }
  }

  private expandGroupingSets(input: Planned, grouping: readonly Expr[], compiled: readonly { dataType: import('@sluice/shared').DataType; name: string }[], sets: readonly (readonly number[])[]): Planned {
    const passThrough = input.exec.schema.fields.map((f, i) => Expr.ref(i, f.name, f.dataType, f.nullable))
    const projections = sets.map((set) => {
      let gid = 0n
      const values = grouping.map((g, i) => {
        if (set.includes(i)) return g
        gid |= 1n << BigInt(grouping.length - 1 - i)
        return Expr.literal(null, compiled[i]!.dataType)
      })
      return [...passThrough, ...values, Expr.literal(gid, { kind: 'long' })]
    })
    const schema = StructType([
      ...input.exec.schema.fields,
      ...compiled.map((c) => StructField(c.name, c.dataType, true)),
      StructField('spark_grouping_id', { kind: 'long' }, false),
    ])
    return { exec: { kind: 'Expand', input: input.exec, projections, schema }, qualifiers: schema.fields.map(() => undefined), eventTime: new Set() }
  }

  private async planJoin(leftPlan: LogicalPlan, rightPlan: LogicalPlan, joinType: import('@sluice/shared').JoinType, condition?: Expr, using?: readonly string[]): Promise<Planned> {
    const left = await this.plan(leftPlan)
    const right = await this.plan(rightPlan)
    const streamStream = isStreaming(left.exec) && isStreaming(right.exec)
    checkStreamingJoinType(joinType, isStreaming(left.exec), isStreaming(right.exec))
    const leftWidth = left.exec.schema.fields.length
    const combined = StructType([...left.exec.schema.fields, ...right.exec.schema.fields])
    const qualifiers = [...left.qualifiers, ...right.qualifiers]
    const leftKeys: Expr[] = []
    const rightKeys: Expr[] = []
    const residual: Expr[] = []
    let output: Expr[] | undefined
    if (using !== undefined && using.length > 0) {
      const usingIndexes = using.map((name) => {
        const l = left.exec.schema.fields.findIndex((f) => f.name.toLowerCase() === name.toLowerCase())
        const r = right.exec.schema.fields.findIndex((f) => f.name.toLowerCase() === name.toLowerCase())
        if (l < 0 || r < 0) {
          throw new AnalysisError('UNRESOLVED_USING_COLUMN_FOR_JOIN', `USING column \`${name}\` cannot be resolved on the ${l < 0 ? 'left' : 'right'} side of the join. The ${l < 0 ? 'left' : 'right'}-side columns: [${(l < 0 ? left : right).exec.schema.fields.map((f) => `\`${f.name}\``).join(', ')}].`)
        }
        return [l, r] as const
      })
      for (const [l, r] of usingIndexes) {
        leftKeys.push(columnRef(left.exec.schema, l))
        rightKeys.push(columnRef(right.exec.schema, r))
      }
      if (joinType !== 'semi' && joinType !== 'anti') {
        const keyOutputs = usingIndexes.map(([l, r]) => {
          const lf = left.exec.schema.fields[l]!
          const lref = Expr.ref(l, lf.name, lf.dataType, true)
          const rref = Expr.ref(leftWidth + r, lf.name, right.exec.schema.fields[r]!.dataType, true)
          const value = joinType === 'right' ? rref : joinType === 'full' ? Expr.call('coalesce', [lref, rref]) : lref
          return Expr.alias(value, lf.name)
        })
        const leftRest = left.exec.schema.fields.flatMap((f, i) => (usingIndexes.some(([l]) => l === i) ? [] : [Expr.ref(i, f.name, f.dataType, true)]))
        const rightRest = right.exec.schema.fields.flatMap((f, i) => (usingIndexes.some(([, r]) => r === i) ? [] : [Expr.ref(leftWidth + i, f.name, f.dataType, true)]))
        output = [...keyOutputs, ...leftRest, ...rightRest]
      }
    } else if (condition !== undefined) {
      const bound = bindAllColumns(condition, combined, qualifiers)
      compileExpr(bound, combined, this.context.evalContext)
      for (const conjunct of splitConjuncts(bound)) {
        const keys = equiJoinKeys(conjunct, leftWidth)
        if (keys) { leftKeys.push(keys[0]); rightKeys.push(keys[1]) } else residual.push(conjunct)
      }
    }
    const residualExpr = residual.length === 0 ? undefined : residual.reduce((a, b) => Expr.call('and', [a, b]))
    const nullableLeft = joinType === 'right' || joinType === 'full'
    const nullableRight = joinType === 'left' || joinType === 'full'
    const joinedFields = joinType === 'semi' || joinType === 'anti'
      ? left.exec.schema.fields
      : [...left.exec.schema.fields.map((f) => StructField(f.name, f.dataType, f.nullable || nullableLeft, f.metadata)),
         ...right.exec.schema.fields.map((f) => StructField(f.name, f.dataType, f.nullable || nullableRight, f.metadata))]
    let schema = StructType(joinedFields)
    let outQualifiers = joinType === 'semi' || joinType === 'anti' ? left.qualifiers : qualifiers
    if (output !== undefined) {
      const compiled = output.map((o) => compileExpr(o, StructType(joinedFields), this.context.evalContext))
      schema = StructType(compiled.map((c) => StructField(c.name, c.dataType, c.nullable)))
      outQualifiers = output.map(() => undefined)
    }
    if (streamStream) {
      const joined = this.planStreamStreamJoin(left, right, joinType === 'cross' ? 'inner' : joinType as StreamStreamJoinExec['joinType'], leftKeys, rightKeys, residualExpr,
        StructType(joinedFields), output === undefined ? outQualifiers : qualifiers)
      return output === undefined ? joined : projectJoinOutput(joined, output, schema)
    }
    const base = { left: left.exec, right: right.exec, joinType, schema, ...(output ? { output } : {}) }
    const exec: PhysicalPlan = leftKeys.length > 0
      ? { kind: 'HashJoin', ...base, leftKeys, rightKeys, ...(residualExpr ? { residual: residualExpr } : {}) }
      : { kind: 'NestedLoopJoin', ...base, ...(residualExpr ? { condition: residualExpr } : {}) }
    const eventTime = new Set<number>([...left.eventTime])
    return { exec, qualifiers: outQualifiers, eventTime, ...delayOf(left) }
  }

  private planStreamStreamJoin(left: Planned, right: Planned, joinType: StreamStreamJoinExec['joinType'], leftKeys: Expr[], rightKeys: Expr[],
    residual: Expr | undefined, joinedSchema: StructType, qualifiers: readonly (string | undefined)[]): Planned {
    const leftEventTimeIndex = [...left.eventTime][0]
    const rightEventTimeIndex = [...right.eventTime][0]
    const intervals: number[] = []
    if (residual) anyExpr(residual, (n) => {
      const micros = n.kind === 'Literal' && n.value !== null ? intervalDurationMicros(n.value, n.dataType) : undefined
      if (micros !== undefined) intervals.push(Math.abs(micros))
      return false
    })
    const keyHasEventTime = leftKeys.some((k) => k.kind === 'Ref' && left.eventTime.has(k.index))
    const hasWatermarks = leftEventTimeIndex !== undefined && rightEventTimeIndex !== undefined
    const stateRetentionMicros = keyHasEventTime ? 0
      : hasWatermarks && residual !== undefined && (intervals.length > 0 || refIndexes(residual).length > 0) && timeBound(residual, leftEventTimeIndex, rightEventTimeIndex + left.exec.schema.fields.length)
        ? Math.max(0, ...intervals) : undefined
    if (joinType !== 'inner' && stateRetentionMicros === undefined) {
      throw new AnalysisError('UNSUPPORTED_STREAMING_OPERATION', `Stream-stream ${sparkJoinTypeName(joinType)} join between two streaming DataFrame/Datasets is not supported without a watermark in the join keys, or a watermark on the nullable side and an appropriate range condition.`)
    }
    const exec: PhysicalPlan = {
      kind: 'StreamStreamJoin', left: left.exec, right: right.exec, joinType, leftKeys, rightKeys, schema: joinedSchema,
      stateful: { operatorId: this.nextOperatorId++, numPartitions: this.context.shufflePartitions },
      ...(residual ? { residual } : {}),
      ...(leftEventTimeIndex !== undefined ? { leftEventTimeIndex } : {}),
      ...(rightEventTimeIndex !== undefined ? { rightEventTimeIndex } : {}),
      ...(stateRetentionMicros !== undefined ? { stateRetentionMicros } : {}),
    }
    const width = left.exec.schema.fields.length
    const eventTime = joinType === 'semi' ? new Set(left.eventTime) : new Set([...left.eventTime, ...[...right.eventTime].map((i) => i + width)])
    return { exec, qualifiers, eventTime, ...delayOf(left) }
  }

  private async planUnion(inputs: readonly LogicalPlan[], byName: boolean, allowMissing: boolean): Promise<Planned> {
    const planned = await Promise.all(inputs.map((i) => this.plan(i)))
    if (new Set(planned.map((p) => isStreaming(p.exec))).size === 2) {
      throw new AnalysisError('UNSUPPORTED_STREAMING_OPERATION', 'Union between streaming and batch DataFrames/Datasets is not supported')
    }
    const first = planned[0]!
    const names = first.exec.schema.fields.map((f) => f.name)
    const aligned = planned.map((p, n) => {
      const fields = p.exec.schema.fields
      if (!byName) {
        if (fields.length !== names.length) {
          throw new AnalysisError('NUM_COLUMNS_MISMATCH', `UNION can only be performed on inputs with the same number of columns, but the first input has ${names.length} columns and input ${n + 1} has ${fields.length} columns.`)
        }
        return p.exec
      }
      const exprs = first.exec.schema.fields.map((target) => {
        const i = fields.findIndex((f) => f.name.toLowerCase() === target.name.toLowerCase())
        if (i >= 0) return Expr.alias(columnRef(p.exec.schema, i), target.name)
        if (!allowMissing) throw new AnalysisError('UNRESOLVED_COLUMN.WITH_SUGGESTION', `Cannot resolve column \`${target.name}\` in input ${n + 1} of unionByName; its columns: [${fields.map((f) => `\`${f.name}\``).join(', ')}].`)
        return Expr.alias(Expr.literal(null, target.dataType), target.name)
      })
      const schema = StructType(exprs.map((e, i) => StructField(first.exec.schema.fields[i]!.name, first.exec.schema.fields[i]!.dataType, true)))
      return { kind: 'Project', input: p.exec, exprs, schema } as PhysicalPlan
    })
    const schema = StructType(first.exec.schema.fields.map((f, i) =>
      StructField(f.name, f.dataType, aligned.some((a) => a.schema.fields[i]?.nullable ?? true), f.metadata)))
    return { exec: { kind: 'Union', inputs: aligned, schema }, qualifiers: names.map(() => undefined), eventTime: first.eventTime, ...delayOf(first) }
  }

  private planDeduplicate(input: Planned, keys: readonly string[] | undefined, withinWatermark: boolean): Planned {
    const fields = input.exec.schema.fields
    const keyIndexes = keys === undefined ? fields.map((_, i) => i) : keys.map((k) => {
      const i = fields.findIndex((f) => f.name.toLowerCase() === k.toLowerCase())
      if (i < 0) throw new AnalysisError('UNRESOLVED_COLUMN.WITH_SUGGESTION', `Cannot resolve column name \`${k}\` among (${fields.map((f) => f.name).join(', ')}).`, { objectName: k })
      return i
    })
    const streaming = isStreaming(input.exec)
    const eventTimeIndex = withinWatermark ? [...input.eventTime][0] : keyIndexes.find((i) => input.eventTime.has(i))
    if (withinWatermark && !streaming) {
      throw new AnalysisError('UNSUPPORTED_FEATURE.DEDUPLICATE_WITHIN_WATERMARK', 'dropDuplicatesWithinWatermark is not supported with batch DataFrames/DataSets.')
    }
    if (withinWatermark && eventTimeIndex === undefined) {
      throw new AnalysisError('UNSUPPORTED_FEATURE.DEDUPLICATE_WITHIN_WATERMARK', 'dropDuplicatesWithinWatermark is not supported on streaming DataFrames/DataSets without watermark: call withWatermark first.')
    }
    return {
      ...input,
      exec: {
        kind: 'Deduplicate', input: input.exec, keyIndexes, withinWatermark, schema: input.exec.schema,
        ...(streaming ? { stateful: { operatorId: this.nextOperatorId++, numPartitions: this.context.shufflePartitions } } : {}),
        ...(eventTimeIndex !== undefined && streaming ? { eventTimeIndex } : {}),
        ...(withinWatermark && input.watermarkDelayMicros !== undefined ? { watermarkDelayMicros: input.watermarkDelayMicros } : {}),
      },
    }
  }

  private planWatermark(input: Planned, eventTime: string, delay: string): Planned {
    const fields = input.exec.schema.fields
    const index = fields.findIndex((f) => f.name.toLowerCase() === eventTime.toLowerCase())
    if (index < 0) throw new AnalysisError('UNRESOLVED_COLUMN.WITH_SUGGESTION', `The event time column \`${eventTime}\` of withWatermark cannot be resolved among (${fields.map((f) => f.name).join(', ')}).`, { objectName: eventTime })
    const type = fields[index]!.dataType.kind
    if (type !== 'timestamp' && type !== 'timestamp_ntz') {
      throw new AnalysisError('EVENT_TIME_IS_NOT_ON_TIMESTAMP_TYPE', `The event time \`${eventTime}\` has the invalid type "${type}", but expected "TIMESTAMP".`)
    }
    const delayMicros = parseDurationMicros(delay)
    if (delayMicros < 0) throw new AnalysisError('INVALID_WATERMARK_DELAY', `The watermark delay '${delay}' must not be negative.`)
    const eventTimeSet = new Set([index])
    if (!isStreaming(input.exec)) return { ...input, eventTime: eventTimeSet, watermarkDelayMicros: delayMicros }
    const watermarkId = this.watermarks.length
    this.watermarks.push({ id: watermarkId, delayMicros })
    return {
      ...input,
      exec: { kind: 'Watermark', input: input.exec, eventTimeIndex: index, delayMicros, watermarkId, schema: input.exec.schema },
      eventTime: eventTimeSet,
      watermarkDelayMicros: delayMicros,
    }
  }
}


/** A join on column names (USING): the joined row projected to the key columns then the others; event time follows the columns. */
function projectJoinOutput(joined: Planned, output: readonly Expr[], schema: StructType): Planned {
  const eventTime = new Set<number>()
  output.forEach((o, i) => {
    const inner = o.kind === 'Alias' ? o.child : o
    if (inner.kind === 'Ref' && joined.eventTime.has(inner.index)) eventTime.add(i)
  })
  return { exec: { kind: 'Project', input: joined.exec, exprs: output, schema }, qualifiers: output.map(() => undefined), eventTime, ...delayOf(joined) }
}

const leaf = (exec: PhysicalPlan): Planned => ({ exec, qualifiers: exec.schema.fields.map(() => undefined), eventTime: new Set() })

const delayOf = (p: Planned): { watermarkDelayMicros?: number } =>
  (p.watermarkDelayMicros === undefined ? {} : { watermarkDelayMicros: p.watermarkDelayMicros })

const isAggregateCall = (e: Expr): boolean => e.kind === 'Call' && isAggregateFunctionName(e.name)

const isWindowCall = (e: Expr): e is CallExpr => e.kind === 'Call' && e.name.toLowerCase() === 'window'
const GENERATORS = new Set(['explode', 'explode_outer', 'posexplode', 'posexplode_outer', 'inline', 'inline_outer'])
const isGeneratorCall = (e: Expr): e is CallExpr => e.kind === 'Call' && GENERATORS.has(e.name.toLowerCase())

function generatorType(name: string, expected: string, argument: string): AnalysisError {
  return new AnalysisError('DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE', `Cannot resolve "${name}(${argument})" due to data type mismatch: the input should be ${expected}.`)
}

function hasStreamingAggregate(plan: PhysicalPlan): boolean {
  return (plan.kind === 'HashAggregate' && plan.stateful !== undefined) || physicalChildren(plan).some(hasStreamingAggregate)
}

const isWindowStruct = (t: StructType): boolean =>
  t.fields.length === 2 && t.fields[0]!.name === 'start' && t.fields[1]!.name === 'end'

const isSessionWindowCall = (e: Expr): e is CallExpr => e.kind === 'Call' && e.name.toLowerCase() === 'session_window'

/** Structural identity of an expression, case-insensitive in column names. */
export function exprKey(e: Expr): string {
  return JSON.stringify(e, (k, v) => (typeof v === 'bigint' ? `${v}n` : k === 'nameParts' ? (v as string[]).map((s) => s.toLowerCase()) : v))
}

/** `count(*)` counts rows: Spark rewrites it to `count(1)` (also its column name). */
function countStarAsCountOne(e: Expr): Expr {
  return transformExpr(e, (n) => (n.kind === 'Call' && n.name.toLowerCase() === 'count' && n.args.length === 1 && n.args[0]!.kind === 'Star'
    ? Expr.call('count', [Expr.literal(1, { kind: 'integer' })], n.distinct) : undefined))
}

function collectAggregateCalls(e: Expr, calls: CallExpr[], keys: Map<string, number>): void {
  if (e.kind === 'Call' && isAggregateFunctionName(e.name)) {
    const key = exprKey(e)
    if (!keys.has(key)) { keys.set(key, calls.length); calls.push(e) }
    return
  }
  // Lambda bodies too: Spark aggregates `max(v)` in `transform(a, x -> x + max(v))` per group.
  for (const c of exprChildren(e)) collectAggregateCalls(c, calls, keys)
}

function expandStars(exprs: readonly Expr[], input: Planned): Expr[] {
  return exprs.flatMap((e) => {
    if (e.kind !== 'Star') return [e]
    const fields = input.exec.schema.fields
    const indexes = fields.flatMap((_, i) => (e.qualifier === undefined || input.qualifiers[i]?.toLowerCase() === e.qualifier.toLowerCase() ? [i] : []))
    if (e.qualifier !== undefined && indexes.length === 0) {
      throw new AnalysisError('CANNOT_RESOLVE_STAR_EXPAND', `Cannot resolve \`${e.qualifier}\`.* given input columns [${fields.map((f) => `\`${f.name}\``).join(', ')}].`)
    }
    return indexes.map((i) => columnRef(input.exec.schema, i))
  })
}


/** The input column an expression passes through unchanged, if it is a bare reference. */
/** For each output that selects an input column unaliased, the first earlier output selecting the same one. */
function repeatedColumns(outputs: readonly Expr[], input: Planned): (number | undefined)[] | undefined {
  const firstOutput = new Map<number, number>()
  let any = false
  const repeats = outputs.map((e, i) => {
    if (e.kind === 'Alias') return undefined
    const source = passThroughIndex(e, input)
    if (source === undefined) return undefined
    const earlier = firstOutput.get(source)
    if (earlier === undefined) {
      firstOutput.set(source, i)
      return undefined
    }
    any = true
    return earlier
  })
  return any ? repeats : undefined
}

function passThroughIndex(e: Expr, input: Planned): number | undefined {
  const inner = e.kind === 'Alias' ? e.child : e
  if (inner.kind === 'Ref') return inner.index
  if (inner.kind === 'Column' && inner.nameParts.length === 1) {
    const name = inner.nameParts[0]!.toLowerCase()
    const i = input.exec.schema.fields.findIndex((f) => f.name.toLowerCase() === name)
    return i >= 0 ? i : undefined
  }
  return undefined
}


function durationArg(arg: Expr | undefined, name: string): number {
  if (arg?.kind === 'Literal' && typeof arg.value === 'string') return parseDurationMicros(arg.value)
  if (arg?.kind === 'Literal' && arg.value !== null && typeof arg.value === 'object' && 'microseconds' in arg.value) {
    const v = arg.value as { days: number; microseconds: number }
    return v.days * 86_400_000_000 + v.microseconds
  }
  throw new AnalysisError('DATATYPE_MISMATCH.NON_FOLDABLE_INPUT', `The ${name} of window must be a constant duration string such as "10 minutes".`)
}

function isStreaming(plan: PhysicalPlan): boolean {
  if (plan.kind === 'StreamInput') return true
  switch (plan.kind) {
    case 'FileScan': case 'LocalScan': return false
    case 'HashJoin': case 'NestedLoopJoin': case 'StreamStreamJoin': case 'SetOperation': return isStreaming(plan.left) || isStreaming(plan.right)
    case 'Union': return plan.inputs.some(isStreaming)
    default: return isStreaming(plan.input)
  }
}

function isCorruptRecordColumn(name: string, source: SourceSpec): boolean {
  return name === (source.options['columnnameofcorruptrecord'] ?? '_corrupt_record')
}

/** A column neither grouped nor aggregated: Spark's CheckAnalysis says MISSING_GROUP_BY when there is no GROUP BY. */
function missingAggregation(error: unknown, expr: Expr, global: boolean): unknown {
  if (error instanceof AnalysisError && error.errorClass.startsWith('UNRESOLVED_COLUMN')) return global ? missingGroupBy() : missingAggregationError(expr)
  return error
}

function missingAggregationError(expr: Expr): AnalysisError {
  return new AnalysisError('MISSING_AGGREGATION', `The non-aggregating expression \`${exprOutputName(expr)}\` is based on columns which are not participating in the GROUP BY clause. Add the columns or the expression to the GROUP BY, aggregate the expression, or use "any_value" if you do not care which of the values within a group is returned.`)
}

function missingGroupBy(): AnalysisError {
  return new AnalysisError('MISSING_GROUP_BY', 'The query does not include a GROUP BY clause. Add GROUP BY or turn it into the window functions using OVER clauses. SQLSTATE: 42803')
}

export { isStreaming as isStreamingPhysicalPlan }
