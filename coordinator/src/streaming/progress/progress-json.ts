import { jsonArray, jsonInteger, jsonNull, jsonNumberText, jsonObject, jsonString, parseJsonNode, renderCompact, renderPretty, toJsonNode, type JsonNode } from './json-text.js'
import type { SinkProgress, SourceProgress, StateOperatorProgress, StreamingQueryProgress } from './progress-types.js'

type Field = readonly [string, JsonNode]
/** A field rendered only when its value exists (json4s drops JNothing fields). */
type OptionalField = Field | null

/**
 * A rate as Spark renders it: rounded to one decimal HALF_UP from the double's
 * shortest decimal form (Scala's `BigDecimal(d)`), always with one decimal digit
 * (`0.0`, `12.3`); null (field omitted) for NaN and infinities.
 */
export function roundRateHalfUp(value: number): string | null {
  if (!Number.isFinite(value)) return null
  const text = String(Math.abs(value))
  if (/e/i.test(text)) return (value < 0 ? '-' : '') + Math.abs(value).toFixed(1)
  const [integerPart, fraction = ''] = text.split('.') as [string, string?]
  let tenths = BigInt(integerPart + (fraction[0] ?? '0'))
  if ((fraction[1] ?? '0') >= '5') tenths += 1n
  const sign = value < 0 && tenths !== 0n ? '-' : ''
  return `${sign}${tenths / 10n}.${tenths % 10n}`
}

function rateField(name: string, value: number): OptionalField {
  const text = roundRateHalfUp(value)
  return text === null ? null : [name, jsonNumberText(text)]
}

/** A map with sorted keys, or no field at all when empty (Spark's safeMapToJValue). */
function mapField<V>(name: string, map: Readonly<Record<string, V>> | undefined, toNode: (value: V) => JsonNode): OptionalField {
  if (map === undefined || map === null) return null
  const keys = Object.keys(map).sort()
  if (keys.length === 0) return null
  return [name, jsonObject(keys.map((k) => [k, toNode(map[k]!)] as const))]
}

/** An offset: its JSON parsed when valid, else the text as a string, null when absent (Spark's tryParse). */
function offsetNode(offset: unknown): JsonNode {
  if (offset === null || offset === undefined) return jsonNull
  if (typeof offset !== 'string') return toJsonNode(offset)
  try {
    return parseJsonNode(offset)
  } catch {
    return jsonString(offset)
  }
}

const fields = (list: readonly OptionalField[]): JsonNode => jsonObject(list.filter((f): f is Field => f !== null))

export function stateOperatorProgressNode(p: StateOperatorProgress): JsonNode {
  return fields([
    ['operatorName', jsonString(p.operatorName)],
    ['numRowsTotal', jsonInteger(p.numRowsTotal)],
    ['numRowsUpdated', jsonInteger(p.numRowsUpdated)],
    ['allUpdatesTimeMs', jsonInteger(p.allUpdatesTimeMs)],
    ['numRowsRemoved', jsonInteger(p.numRowsRemoved)],
    ['allRemovalsTimeMs', jsonInteger(p.allRemovalsTimeMs)],
    ['commitTimeMs', jsonInteger(p.commitTimeMs)],
    ['memoryUsedBytes', jsonInteger(p.memoryUsedBytes)],
    ['numRowsDroppedByWatermark', jsonInteger(p.numRowsDroppedByWatermark)],
    ['numShufflePartitions', jsonInteger(p.numShufflePartitions)],
    ['numStateStoreInstances', jsonInteger(p.numStateStoreInstances)],
    mapField<number>('customMetrics', p.customMetrics, jsonInteger),
  ])
}

export function sourceProgressNode(p: SourceProgress): JsonNode {
  return fields([
    ['description', jsonString(p.description)],
    ['startOffset', offsetNode(p.startOffset)],
    ['endOffset', offsetNode(p.endOffset)],
    ['latestOffset', offsetNode(p.latestOffset)],
    ['numInputRows', jsonInteger(p.numInputRows)],
    rateField('inputRowsPerSecond', p.inputRowsPerSecond),
    rateField('processedRowsPerSecond', p.processedRowsPerSecond),
    mapField<string>('metrics', p.metrics, jsonString),
  ])
}

export function sinkProgressNode(p: SinkProgress): JsonNode {
  return fields([['description', jsonString(p.description)], ['numOutputRows', jsonInteger(p.numOutputRows)], mapField<string>('metrics', p.metrics, jsonString)])
}

/** The progress as Spark's `StreamingQueryProgress.jsonValue`, in its key order. */
export function streamingQueryProgressNode(p: StreamingQueryProgress): JsonNode {
  return fields([
    ['id', jsonString(p.id)],
    ['runId', jsonString(p.runId)],
    ['name', jsonString(p.name)],
    ['timestamp', jsonString(p.timestamp)],
    ['batchId', jsonInteger(p.batchId)],
    ['batchDuration', jsonInteger(p.batchDuration)],
    ['numInputRows', jsonInteger(p.numInputRows)],
    rateField('inputRowsPerSecond', p.inputRowsPerSecond),
    rateField('processedRowsPerSecond', p.processedRowsPerSecond),
    mapField('durationMs', p.durationMs, jsonInteger),
    mapField('eventTime', p.eventTime, jsonString),
    ['stateOperators', jsonArray(p.stateOperators.map(stateOperatorProgressNode))],
    ['sources', jsonArray(p.sources.map(sourceProgressNode))],
    ['sink', sinkProgressNode(p.sink)],
    mapField<unknown>('observedMetrics', p.observedMetrics, toJsonNode),
  ])
}

/**
 * Spark's `progress.json`: compact, Spark's key order, rates rounded to one
 * decimal HALF_UP, NaN/Infinity rates and empty maps omitted, offsets embedded as JSON.
 */
export function progressToJson(progress: StreamingQueryProgress): string {
  return renderCompact(streamingQueryProgressNode(progress))
}

/** Spark's `progress.prettyJson` (json4s pretty layout: `"key" : value`, two-space indent). */
export function progressToPrettyJson(progress: StreamingQueryProgress): string {
  return renderPretty(streamingQueryProgressNode(progress))
}

/** Alias matching the brief's name. */
export const prettyJson = progressToPrettyJson
