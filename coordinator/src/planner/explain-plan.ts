import { exprOutputName, physicalChildren, planChildren, type Expr, type LogicalPlan, type PhysicalPlan } from '@sluice/shared'

/**
 * Spark-shaped `explain()` text: a `== Physical Plan ==` tree (and with `extended`,
 * the logical plan first), one node per line, children under `+- ` / `:- `.
 * Deterministic: no ids, addresses or times, so tests can compare it.
 */
export function explainPlan(logical: LogicalPlan, physical: PhysicalPlan, extended: boolean): string {
  const parts: string[] = []
  if (extended) parts.push('== Logical Plan ==', renderTree(logical, describeLogical, planChildren), '')
  parts.push('== Physical Plan ==', renderTree(physical, describePhysical, physicalChildren))
  return parts.join('\n') + '\n'
}

function renderTree<T>(root: T, describe: (node: T) => string, children: (node: T) => readonly T[]): string {
  const lines: string[] = []
  const walk = (node: T, prefix: string, connector: string) => {
    lines.push(prefix + connector + describe(node))
    const kids = children(node)
    const childPrefix = prefix + (connector === '' ? '' : connector === ':- ' ? ':  ' : '   ')
    kids.forEach((kid, i) => walk(kid, childPrefix, i < kids.length - 1 ? ':- ' : '+- '))
  }
  walk(root, '', '')
  return lines.join('\n')
}

const list = (exprs: readonly Expr[]) => `[${exprs.map((e) => exprOutputName(e)).join(', ')}]`

function describeLogical(p: LogicalPlan): string {
  switch (p.kind) {
    case 'Relation': return `Relation ${p.source.format}${p.source.streaming ? ' (streaming)' : ''} [${p.source.paths.join(', ')}]`
    case 'LocalRelation': return `LocalRelation [${p.schema.fields.map((f) => f.name).join(', ')}], ${p.rows.length} rows`
    case 'TableRef': return `UnresolvedRelation [${p.name}]`
    case 'Project': return `Project ${list(p.exprs)}`
    case 'Filter': return `Filter ${exprOutputName(p.condition)}`
    case 'Aggregate': return `Aggregate ${list(p.grouping)}, ${list(p.aggregates)}`
    case 'Join': return `Join ${p.joinType}${p.condition ? ', ' + exprOutputName(p.condition) : ''}${p.using ? `, using [${p.using.join(', ')}]` : ''}`
    case 'Union': return `Union${p.byName ? ' (by name)' : ''}`
    case 'Sort': return `Sort ${list(p.orders)}`
    case 'Limit': return `GlobalLimit ${p.limit}`
    case 'Deduplicate': return `Deduplicate${p.withinWatermark ? 'WithinWatermark' : ''} [${(p.keys ?? ['*']).join(', ')}]`
    case 'Distinct': return 'Distinct'
    case 'Window': return `Window ${list(p.windowExprs)}, ${list(p.partitionSpec)}, ${list(p.orderSpec)}`
    case 'WithWatermark': return `EventTimeWatermark ${p.eventTime}, ${p.delay}`
    case 'SubqueryAlias': return `SubqueryAlias ${p.alias}`
    case 'WithColumns': return `WithColumns [${p.columns.map((c) => `${exprOutputName(c.expr)} AS ${c.name}`).join(', ')}]`
    case 'DropColumns': return `Drop [${p.names.join(', ')}]`
    case 'RenameAllColumns': return `ToDF [${p.names.join(', ')}]`
    case 'SetOperation': return `${p.operation === 'intersect' ? 'Intersect' : 'Except'}${p.all ? ' All' : ''}`
    case 'Describe': return `Describe [${p.columns.join(', ')}]`
    case 'Pivot': return `Pivot ${exprOutputName(p.pivotColumn)}${p.values ? ` ${list(p.values)}` : ''}, ${list(p.grouping)}, ${list(p.aggregates)}`
    case 'FillNulls': return `FillNa ${JSON.stringify(p.value)}${p.subset ? ` [${p.subset.join(', ')}]` : ''}`
    case 'DropNulls': return `DropNa ${p.how}${p.thresh !== undefined ? ` thresh=${p.thresh}` : ''}${p.subset ? ` [${p.subset.join(', ')}]` : ''}`
    case 'RenameColumns': return `WithColumnsRenamed [${p.renames.map((r) => `${r.from} -> ${r.to}`).join(', ')}]`
  }
}

function describePhysical(p: PhysicalPlan): string {
  const columns = `[${p.schema.fields.map((f) => f.name).join(', ')}]`
  switch (p.kind) {
    case 'FileScan': return `FileScan ${p.source.format} ${columns} paths=[${p.source.paths.join(', ')}]${p.requiredColumns ? `, ReadSchema: [${p.requiredColumns.map((i) => p.schema.fields[i]!.name).join(', ')}]` : ''}${p.pushedFilters ? `, PushedFilters: [${p.pushedFilters.map((f) => `${f.column} ${f.op} ${String(f.value)}`).join(', ')}]` : ''}`
    case 'LocalScan': return `LocalTableScan ${columns}`
    case 'StreamInput': return `StreamingRelation ${p.source.format} #${p.sourceIndex} ${columns}`
    case 'Project': return `Project ${list(p.exprs)}`
    case 'Filter': return `Filter ${exprOutputName(p.condition)}`
    case 'HashAggregate': return `${p.stateful ? `StateStoreSave [operatorId=${p.stateful.operatorId}] ` : ''}HashAggregate(keys=${list(p.grouping)}, functions=${list(p.aggregates)})`
    case 'Expand': return p.slidingWindow ? `Expand window(${p.slidingWindow.windowMicros}us, ${p.slidingWindow.slideMicros}us)` : `Expand ${p.projections.length} projections`
    case 'HashJoin': return `HashJoin ${list(p.leftKeys)}, ${list(p.rightKeys)}, ${p.joinType}${p.residual ? ', ' + exprOutputName(p.residual) : ''}`
    case 'NestedLoopJoin': return `NestedLoopJoin ${p.joinType}${p.condition ? ', ' + exprOutputName(p.condition) : ''}`
    case 'StreamStreamJoin': return `StreamingSymmetricHashJoin ${list(p.leftKeys)}, ${list(p.rightKeys)}, ${p.joinType}, [operatorId=${p.stateful.operatorId}]${p.residual ? ', ' + exprOutputName(p.residual) : ''}`
    case 'Union': return 'Union'
    case 'Sort': return `Sort ${list(p.orders)}`
    case 'Limit': return `Limit ${p.limit}`
    case 'Deduplicate': return `${p.stateful ? `StreamingDeduplicate [operatorId=${p.stateful.operatorId}] ` : 'Deduplicate '}[${p.keyIndexes.map((i) => p.schema.fields[i]!.name).join(', ')}]`
    case 'SetOperation': return `${p.operation === 'intersect' ? 'Intersect' : 'Except'}${p.all ? ' All' : ''}`
    case 'Window': return `Window [${p.schema.fields.slice(p.input.schema.fields.length).map((f) => f.name).join(', ')}], ${list(p.partitionSpec)}, ${list(p.orderSpec)}`
    case 'Generate': return `Generate ${p.function}${p.outer ? '_outer' : ''}(${exprOutputName(p.generator)})`
    case 'Watermark': return `EventTimeWatermark ${p.schema.fields[p.eventTimeIndex]!.name}, ${p.delayMicros / 1000} ms`
  }
}
