// Entry of an executor worker thread: registers tsx's loader (workers do not inherit
// it), then loads the TypeScript worker.
import { register } from 'tsx/esm/api'

register()
await import(new URL('./executor-worker.ts', import.meta.url).href)
