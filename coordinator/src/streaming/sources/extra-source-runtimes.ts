import type { SourceSpec } from '@sluice/shared'
import type { StreamingSourceRuntime } from './streaming-source.js'

/** Runtimes of the non-file sources (memory, rate, socket, delta); undefined for an unknown format. */
export async function createExtraSourceRuntime(_source: SourceSpec, _sourceIndex: number, _checkpointLocation: string): Promise<StreamingSourceRuntime | undefined> {
  return undefined
}
