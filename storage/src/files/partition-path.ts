import { castToString, type DataType } from '@sluice/shared'

/** The folder name of a null (or empty string) partition value, as Hive and Spark write it. */
export const HIVE_DEFAULT_PARTITION = '__HIVE_DEFAULT_PARTITION__'

/**
 * Spark's partition value text for a folder name, before escaping: the value cast to
 * string in the session time zone (`1.0` for a double one); null and the empty string
 * give null, which is the default partition.
 */
export function partitionValueFormatter(type: DataType, timeZone: string): (value: unknown) => string | null {
  const cast = castToString(type, { ansi: false, timeZone })
  return (value) => {
    if (value === null || value === undefined) return null
    const text = cast(value) as string | null
    return text === null || text === '' ? null : text
  }
}

/** Characters Spark writes as `%XX` in partition folder names: controls \u0001–\u001F, \u007F and " # % ' * / : = ? \ { [ ] ^ */
function needsEscaping(code: number): boolean {
  return (code >= 0x01 && code <= 0x1f) || code === 0x7f || '"#%\'*/:=?\\{[]^'.includes(String.fromCharCode(code))
}

/**
 * Spark's `ExternalCatalogUtils.escapePathName` for partition column names and
 * values in folder names: `%` and two upper-case hex digits for each character it
 * lists (\u0000, spaces and non-ASCII stay as they are).
 */
export function escapePathName(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    out += needsEscaping(code) ? `%${code.toString(16).toUpperCase().padStart(2, '0')}` : text[i]
  }
  return out
}

/**
 * Spark's `ExternalCatalogUtils.unescapePathName`: each `%` followed by two
 * characters that Java's `Integer.parseInt(_, 16)` reads as a value ≥ 0 becomes
 * that one UTF-16 unit (so `%C3%A9` is two characters, not `é`); any other `%` stays.
 */
export function unescapePathName(text: string): string {
  let out = ''
  let i = 0
  while (i < text.length) {
    const code = text[i] === '%' && i + 2 < text.length ? javaHexValue(text.slice(i + 1, i + 3)) : -1
    if (code >= 0) {
      out += String.fromCharCode(code)
      i += 3
    } else {
      out += text[i]
      i += 1
    }
  }
  return out
}

/** `Integer.parseInt(digits, 16)` for two characters (an optional sign and hex digits); -1 when it would throw. */
function javaHexValue(digits: string): number {
  return /^[+-]?[0-9A-Fa-f]+$/.test(digits) ? parseInt(digits, 16) : -1
}
