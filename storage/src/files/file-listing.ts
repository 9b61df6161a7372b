import { readdir, readFile, stat } from 'node:fs/promises'
import { join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { unescapePathName } from './partition-path.js'

/** A data file found under a source path. */
export interface ListedFile {
  /** Absolute path. */
  readonly path: string
  readonly size: number
  /** Milliseconds since the epoch. */
  readonly modificationTime: number
}

const GLOB_CHARS = /[*?[{]/

/**
 * Spark's rule for names a file index ignores (`InMemoryFileIndex.shouldFilterOutPathName`):
 * names starting with `.`, names starting with `_` unless they hold `=` (a partition
 * folder), and files still being copied (`._COPYING_`).
 */
export function isIgnoredPathName(name: string): boolean {
  return name.startsWith('.') || (name.startsWith('_') && !name.includes('=')) || name.endsWith('._COPYING_')
}

/**
 * A glob as a regular expression over one name or a `/`-separated relative path:
 * `*` and `?` never cross `/`, `**` does, `[abc]`/`[!a]` classes, `{a,b}` alternatives.
 */
export function globToRegExp(glob: string): RegExp {
  let pattern = ''
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!
    if (c === '*') {
      if (glob[i + 1] === '*') { pattern += '.*'; i++ } else pattern += '[^/]*'
    } else if (c === '?') {
      pattern += '[^/]'
    } else if (c === '[') {
      const close = glob.indexOf(']', i + 1)
      if (close < 0) { pattern += '\\['; continue }
      const body = glob.slice(i + 1, close).replace(/^[!^]/, '^').replace(/\\/g, '\\\\')
      pattern += `[${body}]`
      i = close
    } else if (c === '{') {
      const close = glob.indexOf('}', i + 1)
      if (close < 0) { pattern += '\\{'; continue }
      pattern += `(?:${glob.slice(i + 1, close).split(',').map((alternative) => globToRegExp(alternative).source.slice(1, -1)).join('|')})`
      i = close
    } else {
      pattern += c.replace(/[.+^$()|\\/]/g, '\\$&')
    }
  }
  return new RegExp(`^${pattern}$`)
}

/**
 * The data files of a source path, sorted by path:
 * - a file: itself;
 * - a folder: its files, descending into `key=value` partition folders (and into
 *   every folder with `recursiveFileLookup` true), skipping ignored names
 *   ({@link isIgnoredPathName}); when the folder has `_spark_metadata` (a file
 *   sink's manifest, FORMATS.md §5.1), only the files the manifest lists;
 * - a path with a glob (`data/*.json`, `logs/2024-{01,02}/*`): the files and the
 *   folders' files that match it;
 * - option `pathGlobFilter` keeps files whose name matches it.
 * A path that does not exist gives no files.
 */
export async function listDataFiles(path: string, options: Readonly<Record<string, string>> = {}): Promise<ListedFile[]> {
  const recursive = (options['recursivefilelookup'] ?? 'false').toLowerCase() === 'true'
  const globFilter = options['pathglobfilter']
  const nameMatcher = globFilter === undefined ? undefined : globToRegExp(globFilter)
  const found: ListedFile[] = []
  const roots = GLOB_CHARS.test(path) ? await expandGlob(path) : [resolve(path)]
  for (const root of roots) {
    const info = await stat(root).catch(() => null)
    if (info === null) continue
    if (info.isFile()) {
      if (nameMatcher === undefined || nameMatcher.test(root.slice(root.lastIndexOf(sep) + 1))) {
        found.push({ path: root, size: info.size, modificationTime: info.mtimeMs })
      }
      continue
    }
    const manifest = await readSinkManifest(root)
    await walk(root, recursive, nameMatcher, manifest, found)
  }
  const unique = new Map(found.map((file) => [file.path, file]))
  return [...unique.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

async function walk(folder: string, recursive: boolean, nameMatcher: RegExp | undefined, manifest: Set<string> | undefined, found: ListedFile[]): Promise<void> {
  const entries = await readdir(folder, { withFileTypes: true }).catch(() => [])
  for (const entry of entries) {
    if (isIgnoredPathName(entry.name)) continue
    const full = join(folder, entry.name)
    if (entry.isDirectory()) {
      if (recursive || entry.name.includes('=')) await walk(full, recursive, nameMatcher, manifest, found)
    } else if (entry.isFile() || entry.isSymbolicLink()) {
      if (nameMatcher !== undefined && !nameMatcher.test(entry.name)) continue
      if (manifest !== undefined && !manifest.has(full)) continue
      const info = await stat(full).catch(() => null)
      if (info === null || !info.isFile()) continue
      found.push({ path: full, size: info.size, modificationTime: info.mtimeMs })
    }
  }
}

/** The paths (files or folders) a glob path matches; ignored names never match. */
async function expandGlob(path: string): Promise<string[]> {
  const absolute = resolve(path)
  const segments = absolute.split(sep)
  const firstGlob = segments.findIndex((segment) => GLOB_CHARS.test(segment))
  const base = segments.slice(0, firstGlob).join(sep) || sep
  const patternSegments = segments.slice(firstGlob)
  const deep = patternSegments.some((segment) => segment.includes('**'))
  const matcher = globToRegExp(patternSegments.join('/'))
  const matches: string[] = []
  const visit = async (folder: string, depth: number): Promise<void> => {
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => [])
    for (const entry of entries) {
      if (isIgnoredPathName(entry.name)) continue
      const full = join(folder, entry.name)
      const relativePath = relative(base, full).split(sep).join('/')
      if (depth + 1 === patternSegments.length || deep) {
        if (matcher.test(relativePath)) { matches.push(full); continue }
      }
      if (entry.isDirectory() && (deep || depth + 1 < patternSegments.length)) await visit(full, depth + 1)
    }
  }
  await visit(base, 0)
  return matches
}

/**
 * The files listed by `<root>/_spark_metadata` (the latest `N.compact` and the
 * batches after it; `add` adds, `delete` removes), or undefined without one.
 */
async function readSinkManifest(root: string): Promise<Set<string> | undefined> {
  const folder = join(root, '_spark_metadata')
  const names = await readdir(folder).catch(() => null)
  if (names === null) return undefined
  const batches = names
    .map((name) => /^(\d+)(\.compact)?$/.exec(name))
    .flatMap((match) => (match === null ? [] : [{ id: Number(match[1]), compact: match[2] !== undefined, name: match[0] }]))
    .sort((a, b) => a.id - b.id)
  const lastCompact = batches.filter((batch) => batch.compact).pop()
  const files = new Set<string>()
  for (const batch of batches) {
    if (lastCompact !== undefined && (batch.id < lastCompact.id || (batch.id === lastCompact.id && !batch.compact))) continue
    const text = await readFile(join(folder, batch.name), 'utf8')
    for (const line of text.split('\n').slice(1)) {
      if (line.trim() === '') continue
      const status = JSON.parse(line) as { path: string; action: string }
      const file = status.path.startsWith('file:') ? fileURLToPath(status.path) : resolve(root, status.path)
      if (status.action === 'delete') files.delete(file)
      else files.add(file)
    }
  }
  return files
}


/** Partition columns found in `key=value` folders and each file's values. */
export interface DiscoveredPartitions {
  /** The partition columns in folder order, with inferred types (empty when none). */
  readonly columns: readonly { readonly name: string; readonly dataType: PartitionValueType }[]
  /** Per file path: the values of the partition columns (internal values). */
  readonly values: ReadonlyMap<string, readonly unknown[]>
}

/** Types partition discovery infers, as Spark's `inferPartitionColumnValue`. */
export type PartitionValueType = 'integer' | 'long' | 'double' | 'date' | 'timestamp' | 'string'

const HIVE_DEFAULT_PARTITION = '__HIVE_DEFAULT_PARTITION__'
const TYPE_ORDER: readonly PartitionValueType[] = ['integer', 'long', 'double']

function inferPartitionType(raw: string): PartitionValueType | 'null' {
  if (raw === HIVE_DEFAULT_PARTITION) return 'null'
  if (/^-?\d+$/.test(raw)) {
    const value = BigInt(raw)
    if (value >= -(2n ** 31n) && value < 2n ** 31n) return 'integer'
    if (value >= -(2n ** 63n) && value < 2n ** 63n) return 'long'
    return 'double'
  }
  if (/^-?(\d+\.\d*|\.\d+|\d+)([eE][+-]?\d+)?$/.test(raw)) return 'double'
  if (/^\d{4}-\d{2}-\d{2}$/.test(raw) && !Number.isNaN(Date.parse(`${raw}T00:00:00Z`))) return 'date'
  if (/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?$/.test(raw) && !Number.isNaN(Date.parse(`${raw.replace(' ', 'T')}Z`))) return 'timestamp'
  return 'string'
}

function widerPartitionType(left: PartitionValueType | 'null', right: PartitionValueType | 'null'): PartitionValueType | 'null' {
  if (left === right) return left
  if (left === 'null') return right
  if (right === 'null') return left
  const a = TYPE_ORDER.indexOf(left)
  const b = TYPE_ORDER.indexOf(right)
  if (a >= 0 && b >= 0) return TYPE_ORDER[Math.max(a, b)]!
  return 'string'
}

function partitionValue(raw: string, type: PartitionValueType): unknown {
  if (raw === HIVE_DEFAULT_PARTITION) return null
  switch (type) {
    case 'integer':
    case 'double': return Number(raw)
    case 'long': return BigInt(raw)
    case 'date': return Math.round(Date.parse(`${raw}T00:00:00Z`) / 86_400_000)
    case 'timestamp': {
      const [, fraction = ''] = /\.(\d+)$/.exec(raw) ?? []
      return Math.floor(Date.parse(`${raw.replace(' ', 'T').replace(/\.\d+$/, '')}Z`) / 1000) * 1_000_000 + Number(fraction.padEnd(6, '0'))
    }
    case 'string': return raw
  }
}

/**
 * Spark's partition discovery: the `key=value` folders between `basePath` and each
 * file become columns (names in folder order, values unescaped from `%XX`),
 * typed INT, BIGINT, DOUBLE, DATE, TIMESTAMP or STRING by what all values parse
 * as (conflicts widen to BIGINT/DOUBLE or STRING; `__HIVE_DEFAULT_PARTITION__` is
 * null). Files outside any partition folder get no values. Timestamps are UTC.
 */
export function discoverPartitions(files: readonly ListedFile[], basePath: string): DiscoveredPartitions {
  const base = resolve(basePath)
  const names: string[] = []
  const rawByFile = new Map<string, Map<string, string>>()
  for (const file of files) {
    const folders = relative(base, file.path).split(sep).slice(0, -1)
    const raw = new Map<string, string>()
    for (const folder of folders) {
      const equals = folder.indexOf('=')
      if (equals <= 0) continue
      const name = unescapePathName(folder.slice(0, equals))
      raw.set(name, unescapePathName(folder.slice(equals + 1)))
      if (!names.includes(name)) names.push(name)
    }
    rawByFile.set(file.path, raw)
  }
  const types = names.map((name) => {
    let type: PartitionValueType | 'null' = 'null'
    for (const raw of rawByFile.values()) {
      const value = raw.get(name)
      if (value !== undefined) type = widerPartitionType(type, inferPartitionType(value))
    }
    return type === 'null' ? 'string' : type
  })
  const values = new Map<string, unknown[]>()
  for (const [path, raw] of rawByFile) {
    values.set(path, names.map((name, i) => {
      const value = raw.get(name)
      return value === undefined ? null : partitionValue(value, types[i]!)
    }))
  }
  return { columns: names.map((name, i) => ({ name, dataType: types[i]! })), values }
}
