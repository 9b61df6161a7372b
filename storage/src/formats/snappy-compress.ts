import { createRequire } from 'node:module'
import { snappyCompress as snappyCompressJs } from 'hyparquet-writer/src/snappy.js'

type Compress = (input: Uint8Array) => Uint8Array

/** The native `snappy` binding (napi-rs, prebuilt per platform), when it loads here. */
function loadNativeSnappy(): Compress | undefined {
  try {
    const { compressSync } = createRequire(import.meta.url)('snappy') as { compressSync(input: Uint8Array): Uint8Array }
    return (input) => compressSync(input)
  } catch {
    return undefined
  }
}

/**
 * Raw Snappy compression (no framing): the native binding, about 6× faster than
 * hyparquet-writer's JavaScript port, which stays as the fallback on platforms
 * without a prebuilt binary.
 */
export const snappyCompress: Compress = loadNativeSnappy() ?? snappyCompressJs
