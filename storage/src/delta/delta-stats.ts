import { daysToDateString, decimalToString, type DataType, type StructType } from '@sluice/shared'
import type { ColumnStatistics } from '../formats/parquet/column-stats.js'

/** Longest string prefix Delta keeps in min/max stats (`delta.dataSkippingStringPrefixLength`). */
export const STATS_STRING_PREFIX_LENGTH = 32

/** The JSON text of a stats value, or undefined when Delta would leave it out. */
function statValueJson(value: unknown, type: DataType, isMax: boolean): string | undefined {
  switch (type.kind) {
    case 'byte': case 'short': case 'integer': case 'float': case 'double':
      return Number.isFinite(value) ? JSON.stringify(value) : undefined
    case 'long': return String(value)
    case 'decimal': return decimalToString(value as bigint, type.scale)
    case 'date': return JSON.stringify(daysToDateString(value as number))
    case 'timestamp': case 'timestamp_ntz': {
      // Delta keeps milliseconds: round the max up so it still bounds the values.
      const millis = isMax ? Math.ceil((value as number) / 1000) : Math.floor((value as number) / 1000)
      const iso = new Date(millis).toISOString()
      return JSON.stringify(type.kind === 'timestamp' ? iso : iso.slice(0, -1))
    }
    case 'string': {
      const text = value as string
      if ([...text].length <= STATS_STRING_PREFIX_LENGTH) return JSON.stringify(text)
      // A truncated prefix still bounds from below; an upper bound would need a tie-breaker, so omit it.
      return isMax ? undefined : JSON.stringify([...text].slice(0, STATS_STRING_PREFIX_LENGTH).join(''))
    }
    default: return undefined
  }
}

function recordJson(record: Record<string, unknown>, schema: StructType, render: (value: unknown, type: DataType) => string | undefined): string {
  const parts: string[] = []
  for (const field of schema.fields) {
    if (!(field.name in record)) continue
    const value = record[field.name]
    const text = field.dataType.kind === 'struct'
      ? recordJson(value as Record<string, unknown>, field.dataType, render)
      : render(value, field.dataType)
    if (text !== undefined) parts.push(`${JSON.stringify(field.name)}:${text}`)
  }
  return `{${parts.join(',')}}`
}

/**
 * The `stats` string of an add action: `{"numRecords":…,"minValues":…,"maxValues":…,"nullCount":…}`
 * over the data columns of `schema` (longs and decimals exact).
 */
export function deltaStatsJson(numRecords: number, schema: StructType, stats: ColumnStatistics): string {
  const min = recordJson(stats.minValues, schema, (v, t) => statValueJson(v, t, false))
  const max = recordJson(stats.maxValues, schema, (v, t) => statValueJson(v, t, true))
  const nulls = recordJson(stats.nullCount as Record<string, unknown>, schema, (v) => String(v))
  return `{"numRecords":${numRecords},"minValues":${min},"maxValues":${max},"nullCount":${nulls}}`
}
