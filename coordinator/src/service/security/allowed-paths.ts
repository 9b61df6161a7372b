import { lstat, readlink, realpath } from 'node:fs/promises'
import { basename, dirname, isAbsolute, join, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PathNotAllowedError } from './path-not-allowed-error.js'

const GLOB_CHARACTERS = /[*?[\]{}]/
/** Decoding rounds for `%2e%2e%252f`-style paths (each round undoes one level of percent-encoding). */
const MAX_DECODE_ROUNDS = 8
const MAX_SYMLINK_HOPS = 40

/**
 * The folders a client may name (`--allowed-path`, default the working folder).
 * `check` refuses (PATH_NOT_ALLOWED, PERMISSION_DENIED) any path that is, or could
 * be read as, outside every root:
 * - relative paths resolve against the coordinator's folder (as the readers do), `..` folded;
 * - percent-encoding is undone repeatedly (`..%2f`, `..%252f`) and every decoded form must stay inside;
 * - `file:` URIs are read as the path they name;
 * - symlinks are followed: the real path of the longest existing prefix (dangling
 *   links too) must be inside the real path of a root;
 * - a glob that also holds `..` is refused outright (its alternatives are not resolved here).
 */
export class AllowedPaths {
  private constructor(readonly roots: readonly string[], private readonly baseDir: string) {}

  static async create(roots: readonly string[], baseDir = process.cwd()): Promise<AllowedPaths> {
    const chosen = roots.length > 0 ? roots : [baseDir]
    const real = await Promise.all(chosen.map((root) => realPathOf(resolve(baseDir, root), 0)))
    return new AllowedPaths(real, baseDir)
  }

  /** Throws PathNotAllowedError unless `path` (a `role`: "source path", "checkpoint location"...) is inside a root. */
  async check(path: string, role: string): Promise<void> {
    if (path.includes('\0')) throw new PathNotAllowedError(path, role, 'holds a NUL character')
    for (const form of decodedForms(path)) {
      const local = localPath(form)
      if (local === undefined) throw new PathNotAllowedError(path, role, 'is not a local path')
      if (GLOB_CHARACTERS.test(local) && local.split(/[\\/]/).some((segment) => segment.includes('..'))) {
        throw new PathNotAllowedError(path, role, 'mixes a glob with ".."')
      }
      const real = await realPathOf(resolve(this.baseDir, globPrefix(local)), 0)
      if (!this.roots.some((root) => isInside(real, root))) throw new PathNotAllowedError(path, role)
    }
  }
}

/** The path and each further percent-decoding of it, until decoding changes nothing. */
function decodedForms(path: string): string[] {
  const forms = [path]
  let current = path
  for (let round = 0; round < MAX_DECODE_ROUNDS && /%[0-9a-fA-F]{2}/.test(current); round++) {
    current = current.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
    forms.push(current)
  }
  return forms
}

/** A local filesystem path: itself, or the path of a `file:` URI; undefined for another scheme's URI. */
function localPath(path: string): string | undefined {
  if (/^file:/i.test(path)) {
    try {
      return fileURLToPath(path)
    } catch {
      return undefined
    }
  }
  if (/^[a-zA-Z][a-zA-Z0-9+.-]+:\/\//.test(path)) return undefined
  return path
}

/** The folders before the first segment holding a glob character. */
function globPrefix(path: string): string {
  if (!GLOB_CHARACTERS.test(path)) return path
  const segments = path.split('/')
  const first = segments.findIndex((segment) => GLOB_CHARACTERS.test(segment))
  const prefix = segments.slice(0, first).join('/')
  return prefix === '' ? (isAbsolute(path) ? '/' : '.') : prefix
}

/**
 * The real path of `path` when it exists; else the real path of its longest existing
 * prefix with the rest appended. A dangling symlink on the way counts as its target.
 */
async function realPathOf(path: string, hops: number): Promise<string> {
  const rest: string[] = []
  let current = path
  for (;;) {
    try {
      return join(await realpath(current), ...rest)
    } catch {
      const link = await symlinkTarget(current)
      if (link !== undefined) {
        if (hops >= MAX_SYMLINK_HOPS) return join('/', '\0loop')
        return realPathOf(join(resolve(dirname(current), link), ...rest), hops + 1)
      }
      const parent = dirname(current)
      if (parent === current) return join(current, ...rest)
      rest.unshift(basename(current))
      current = parent
    }
  }
}

async function symlinkTarget(path: string): Promise<string | undefined> {
  try {
    return (await lstat(path)).isSymbolicLink() ? await readlink(path) : undefined
  } catch {
    return undefined
  }
}

function isInside(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep)
}
