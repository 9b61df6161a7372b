import { readdir, readFile, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** A data file found under a source path. */
export interface ListedFile {
  readonly path: string
  readonly size: number
  readonly modificationTime: number
}

/**
 * The data files of a source path: a file, or a folder's files (recursively with
 * `recursivefilelookup`, and `key=value` partition folders always), skipping hidden
 * names (`_`, `.`) as Spark does; when the folder has `_spark_metadata` (a file
 * sink's manifest), only the files it lists. Sorted by path.
 */
export async function listDataFiles(path: string, options: Readonly<Record<string, string>> = {}): Promise<ListedFile[]> {
  const root = resolve(path)
  const info = await stat(root).catch(() => null)
  if (info === null) return []
  if (info.isFile()) return [{ path: root, size: info.size, modificationTime: info.mtimeMs }]
  const manifest = await readManifest(root)
  const recursive = options['recursivefilelookup'] === 'true'
  const glob = options['pathglobfilter']
  const matcher = glob ? globToRegExp(glob) : undefined
  const out: ListedFile[] = []
  const walk = async (folder: string, depth: number) => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      if (entry.name.startsWith('_') || entry.name.startsWith('.')) continue
      const full = join(folder, entry.name)
      if (entry.isDirectory()) {
        if (recursive || entry.name.includes('=')) await walk(full, depth + 1)
      } else if (entry.isFile()) {
        if (matcher && !matcher.test(entry.name)) continue
        if (manifest && !manifest.has(full)) continue
        const s = await stat(full)
        out.push({ path: full, size: s.size, modificationTime: s.mtimeMs })
      }
    }
  }
  await walk(root, 0)
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

async function readManifest(root: string): Promise<Set<string> | undefined> {
  const folder = join(root, '_spark_metadata')
  const names = await readdir(folder).catch(() => null)
  if (names === null) return undefined
  const ids = names.map((n) => /^(\d+)(\.compact)?$/.exec(n)).flatMap((m) => (m ? [{ id: Number(m[1]), compact: m[2] !== undefined, name: m[0] }] : []))
  const lastCompact = ids.filter((i) => i.compact).sort((a, b) => b.id - a.id)[0]
  const files = new Set<string>()
  for (const entry of ids) {
    if (lastCompact && entry.id < lastCompact.id) continue
    if (lastCompact && entry.id === lastCompact.id && !entry.compact) continue
    const text = await readFile(join(folder, entry.name), 'utf8')
    for (const line of text.split('\n').slice(1)) {
      if (line.trim() === '') continue
      const status = JSON.parse(line) as { path: string; action: string }
      const file = status.path.startsWith('file:') ? fileURLToPath(status.path) : status.path
      if (status.action === 'delete') files.delete(file)
      else files.add(file)
    }
  }
  return files
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')
  return new RegExp(`^${escaped.replace(/\\\{([^}]*)\\\}/g, (_, alts: string) => `(${alts.split(',').join('|')})`)}$`)
}
