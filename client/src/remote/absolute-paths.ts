import { isAbsolute, resolve } from 'node:path'
import type { LogicalPlan } from '@sluice/shared'

const URI_SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:/

/**
 * A path as the cluster must see it: relative paths resolved against this process's
 * working directory (the cluster shares the filesystem, not the folder); URIs
 * (`file:/…`, `s3a://…`) and absolute paths unchanged.
 */
export function absolutePath(path: string): string {
  return isAbsolute(path) || URI_SCHEME.test(path) ? path : resolve(path)
}

/**
 * The plan with every source path absolute (relations at any depth, subqueries
 * included). Nodes without a relative path are kept as they are, so an absolute
 * plan comes back as the same object.
 */
export function withAbsolutePaths(plan: LogicalPlan): LogicalPlan {
  return rewrite(plan) as LogicalPlan
}

function rewrite(value: unknown): unknown {
  if (Array.isArray(value)) {
    let changed = false
    const out = value.map((item) => {
      const next = rewrite(item)
      if (next !== item) changed = true
      return next
    })
    return changed ? out : value
  }
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return value
  const node = value as Record<string, unknown>
  // Rows of a local relation hold data, never plans.
  if (node['kind'] === 'LocalRelation') return value
  if (node['kind'] === 'Relation') {
    const source = node['source'] as { paths: readonly string[] }
    const paths = source.paths.map(absolutePath)
    return paths.every((p, i) => p === source.paths[i]) ? value : { ...node, source: { ...source, paths } }
  }
  let out: Record<string, unknown> | undefined
  for (const [key, child] of Object.entries(node)) {
    const next = rewrite(child)
    if (next !== child) (out ??= { ...node })[key] = next
  }
  return out ?? value
}
