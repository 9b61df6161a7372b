import { parseJsonNode, renderCompact, type JsonNode } from './json-text.js'
import type { SinkProgress, SourceProgress, StateOperatorProgress, StreamingQueryProgress, StreamingQueryStatus } from './progress-types.js'

type ObjectNode = Extract<JsonNode, { kind: 'object' }>

function field(node: ObjectNode, name: string): JsonNode | undefined {
  return node.fields.find(([key]) => key === name)?.[1]
}

function asObject(node: JsonNode | undefined, what: string): ObjectNode {
  if (node?.kind !== 'object') throw new SyntaxError(`Progress JSON: ${what} is not an object`)
  return node
}

function numberOf(node: ObjectNode, name: string, fallback: number): number {
  const value = field(node, name)
  return value?.kind === 'number' ? Number(value.text) : fallback
}

function stringOf(node: ObjectNode, name: string): string | null {
  const value = field(node, name)
  return value?.kind === 'string' ? value.value : null
}

function mapOf<V>(node: ObjectNode, name: string, convert: (value: JsonNode) => V): Record<string, V> {
  const value = field(node, name)
  if (value?.kind !== 'object') return {}
  return Object.fromEntries(value.fields.map(([key, v]) => [key, convert(v)]))
}

const numberValue = (node: JsonNode): number => (node.kind === 'number' ? Number(node.text) : Number.NaN)
const stringValue = (node: JsonNode): string => (node.kind === 'string' ? node.value : renderCompact(node))
/**
 * Offsets come back as the values an embedded query reports (`{ logOffset: 2 }`, `7`),
 * or as their JSON text when a value would not survive JavaScript numbers (a Kafka
 * offset beyond 2^53 stays exact as text).
 */
function offsetValue(node: JsonNode | undefined): unknown {
  if (node === undefined || node.kind === 'null') return null
  if (node.kind === 'string') return node.value
  const text = renderCompact(node)
  const parsed: unknown = JSON.parse(text)
  return JSON.stringify(parsed) === text ? parsed : text
}
const plainValue = (node: JsonNode): unknown => JSON.parse(renderCompact(node))

/**
 * Reads a progress rendered by `progressToJson` (or by Spark) back into an object,
 * as PySpark's `StreamingQueryProgress.fromJson`: omitted rates become NaN, omitted
 * maps become empty, offsets come back as values (as their JSON text when
 * numbers beyond 2^53 would lose digits). Throws SyntaxError on
 * malformed input.
 */
export function progressFromJson(json: string): StreamingQueryProgress {
  const root = asObject(parseJsonNode(json), 'the progress')
  const stateOperators = field(root, 'stateOperators')
  const sources = field(root, 'sources')
  return {
    id: stringOf(root, 'id') ?? '',
    runId: stringOf(root, 'runId') ?? '',
    name: stringOf(root, 'name'),
    timestamp: stringOf(root, 'timestamp') ?? '',
    batchId: numberOf(root, 'batchId', -1),
    batchDuration: numberOf(root, 'batchDuration', 0),
    numInputRows: numberOf(root, 'numInputRows', 0),
    inputRowsPerSecond: numberOf(root, 'inputRowsPerSecond', Number.NaN),
    processedRowsPerSecond: numberOf(root, 'processedRowsPerSecond', Number.NaN),
    durationMs: mapOf(root, 'durationMs', numberValue),
    eventTime: mapOf(root, 'eventTime', stringValue),
    stateOperators: stateOperators?.kind === 'array' ? stateOperators.items.map((item) => stateOperatorFromNode(asObject(item, 'a state operator'))) : [],
    sources: sources?.kind === 'array' ? sources.items.map((item) => sourceFromNode(asObject(item, 'a source'))) : [],
    sink: sinkFromNode(asObject(field(root, 'sink'), 'the sink')),
    observedMetrics: mapOf(root, 'observedMetrics', plainValue),
  }
}

function stateOperatorFromNode(node: ObjectNode): StateOperatorProgress {
  return {
    operatorName: stringOf(node, 'operatorName') ?? '',
    numRowsTotal: numberOf(node, 'numRowsTotal', 0),
    numRowsUpdated: numberOf(node, 'numRowsUpdated', 0),
    allUpdatesTimeMs: numberOf(node, 'allUpdatesTimeMs', 0),
    numRowsRemoved: numberOf(node, 'numRowsRemoved', 0),
    allRemovalsTimeMs: numberOf(node, 'allRemovalsTimeMs', 0),
    commitTimeMs: numberOf(node, 'commitTimeMs', 0),
    memoryUsedBytes: numberOf(node, 'memoryUsedBytes', 0),
    numRowsDroppedByWatermark: numberOf(node, 'numRowsDroppedByWatermark', 0),
    numShufflePartitions: numberOf(node, 'numShufflePartitions', 0),
    numStateStoreInstances: numberOf(node, 'numStateStoreInstances', 0),
    customMetrics: mapOf(node, 'customMetrics', numberValue),
  }
}

function sourceFromNode(node: ObjectNode): SourceProgress {
  return {
    description: stringOf(node, 'description') ?? '',
    startOffset: offsetValue(field(node, 'startOffset')),
    endOffset: offsetValue(field(node, 'endOffset')),
    latestOffset: offsetValue(field(node, 'latestOffset')),
    numInputRows: numberOf(node, 'numInputRows', 0),
    inputRowsPerSecond: numberOf(node, 'inputRowsPerSecond', Number.NaN),
    processedRowsPerSecond: numberOf(node, 'processedRowsPerSecond', Number.NaN),
    metrics: mapOf(node, 'metrics', stringValue),
  }
}

function sinkFromNode(node: ObjectNode): SinkProgress {
  return { description: stringOf(node, 'description') ?? '', numOutputRows: numberOf(node, 'numOutputRows', -1), metrics: mapOf(node, 'metrics', stringValue) }
}

/** Spark's `status.json`: `{"message":…,"isDataAvailable":…,"isTriggerActive":…}`. */
export function statusToJson(status: StreamingQueryStatus): string {
  return JSON.stringify({ message: status.message, isDataAvailable: status.isDataAvailable, isTriggerActive: status.isTriggerActive })
}
