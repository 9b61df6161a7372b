// Entry of an executor worker thread when the pool runs from TypeScript sources (tests,
// tsx); compiled, the pool starts dist/service/executor-worker.js directly. Workers do
// not inherit the parent's loaders, so this registers tsx and the `sluice-source`
// export condition (sibling packages resolve to their src/*.ts, as in the parent),
// then loads the TypeScript worker.
import { register } from 'node:module'
import { register as registerTsx } from 'tsx/esm/api'

const SOURCE_CONDITION_HOOKS = `export function resolve(specifier, context, nextResolve) {
  return nextResolve(specifier, { ...context, conditions: [...context.conditions, 'sluice-source'] })
}`

register(`data:text/javascript,${encodeURIComponent(SOURCE_CONDITION_HOOKS)}`)
registerTsx()
await import(new URL('./executor-worker.ts', import.meta.url).href)
