import { daysToDateString, microsToTimestampString, decimalToString, type DataType } from '@sluice/shared'

/** Hive/Spark partition value text for a folder name, before escaping; null is Spark's default partition. */
export function partitionValueString(value: unknown, type: DataType, timeZone: string): string {
  if (value === null || value === undefined) return '__HIVE_DEFAULT_PARTITION__'
  switch (type.kind) {
    case 'date': return daysToDateString(value as number)
    case 'timestamp': case 'timestamp_ntz': return microsToTimestampString(value as number, timeZone)
    case 'decimal': return decimalToString(value as bigint, type.scale)
    default: return String(value)
  }
}

/** Spark's escaping of partition folder names (ExternalCatalogUtils.escapePathName). */
export function escapePathName(text: string): string {
  let out = ''
  for (const ch of text) {
    const code = ch.charCodeAt(0)
    if (code < 0x20 || '"#%\'*/:=?\\\u007f{[]^'.includes(ch)) out += '%' + code.toString(16).toUpperCase().padStart(2, '0')
    else out += ch
  }
  return out
}
