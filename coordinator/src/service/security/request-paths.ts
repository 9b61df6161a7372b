import type { LogicalPlan, SourceSpec } from '@sluice/shared'
import type { AllowedPaths } from './allowed-paths.js'

/** A path a request names, with what it is for (the error message names it). */
export interface NamedPath {
  readonly path: string
  readonly role: string
}

/** Option keys (lower-cased) whose values are paths: Spark's `path`, partition `basePath`, cleanSource's archive... */
const PATH_OPTION_KEYS: ReadonlySet<string> = new Set(['path', 'paths', 'basepath', 'sourcearchivedir', 'checkpointlocation'])
/** Any other option key ending so is taken for a path too (a new option is checked before it is known). */
const PATH_LIKE_OPTION_KEY = /(dir|directory|location|folder)$/

/** Session confs whose values are paths. */
export const PATH_CONF_KEYS: ReadonlySet<string> = new Set([
  'spark.sql.streaming.checkpointlocation', 'spark.sql.warehouse.dir',
])

/** The paths in a source's or sink's options. */
export function optionPaths(options: Readonly<Record<string, string>>, owner: string): NamedPath[] {
  return Object.entries(options)
    .filter(([key]) => PATH_OPTION_KEYS.has(key.toLowerCase()) || PATH_LIKE_OPTION_KEY.test(key.toLowerCase()))
    .map(([key, value]) => ({ path: value, role: `${owner} option ${key}` }))
}

export function sourcePaths(source: SourceSpec): NamedPath[] {
  return [
    ...source.paths.map((path) => ({ path, role: `${source.format} source path` })),
    ...optionPaths(source.options, `${source.format} source`),
  ]
}

/**
 * Every path a logical plan reads: the paths and path options of each relation,
 * anywhere in the tree (subquery expressions included: the walk visits every
 * object under the plan, not only the known child fields).
 */
export function planPaths(plan: LogicalPlan): NamedPath[] {
  const found: NamedPath[] = []
  const seen = new WeakSet<object>()
  const visit = (value: unknown): void => {
    if (typeof value !== 'object' || value === null || seen.has(value)) return
    seen.add(value)
    if (Array.isArray(value)) {
      for (const item of value) visit(item)
      return
    }
    const node = value as { kind?: unknown; source?: SourceSpec }
    if (node.kind === 'LocalRelation') return
    if (node.kind === 'Relation' && node.source !== undefined) {
      found.push(...sourcePaths(node.source))
      return
    }
    for (const child of Object.values(value)) visit(child)
  }
  visit(plan)
  return found
}

/** The path-valued entries of a conf map. */
export function confPaths(conf: Readonly<Record<string, string>>): NamedPath[] {
  return Object.entries(conf)
    .filter(([key, value]) => PATH_CONF_KEYS.has(key.toLowerCase()) && value !== '')
    .map(([key, value]) => ({ path: value, role: `conf ${key}` }))
}

/** Checks every path; the first outside the roots fails the request (PERMISSION_DENIED) before anything runs. */
export async function checkPaths(allowed: AllowedPaths, paths: readonly NamedPath[]): Promise<void> {
  for (const { path, role } of paths) await allowed.check(path, role)
}
