import { isAscii } from 'node:buffer'
import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import { createGunzip } from 'node:zlib'

/** Default size of one read from disk. */
export const DEFAULT_CHUNK_BYTES = 1_000_000

/**
 * Largest string yielded (in bytes of input), unless one line is longer.
 *
 * NOTE: measured on Node 20: decoding a buffer into a string of 256 KB or more
 * (V8's large-object space, and external strings past ~1 MB) cost 15-30 ms per MB,
 * against about 1 ms per MB for strings of up to ~120 KB; scanning external
 * strings was also 10x slower. Hence many small strings from one large read.
 */
export const MAX_STRING_BYTES = 64 * 1024

const NEWLINE = 0x0a

/**
 * Reads a UTF-8 text file in large chunks and yields strings that each end right
 * after a `\n` (the last one may end without it), so that no line is split
 * across two strings. A leading byte-order mark is dropped. A line longer than
 * the chunk size grows the buffer rather than being split.
 *
 * Files ending in `.gz` are decompressed on the fly, as Spark does by extension.
 *
 * NOTE: splitting on the byte 0x0A is safe in UTF-8: it never occurs inside a
 * multi-byte character.
 */
export async function* readTextChunks(path: string, chunkBytes = DEFAULT_CHUNK_BYTES): AsyncGenerator<string> {
  const source = path.endsWith('.gz') ? gunzipSource(path) : await fileSource(path)
  try {
    let buffer = Buffer.allocUnsafe(chunkBytes)
    let carried = 0
    let first = true
    for (;;) {
      if (carried === buffer.length) {
        const bigger = Buffer.allocUnsafe(buffer.length * 2)
        buffer.copy(bigger, 0, 0, carried)
        buffer = bigger
      }
      const bytesRead = await source.read(buffer, carried, buffer.length - carried)
      const filled = carried + bytesRead
      let start = 0
      if (first && filled >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) start = 3
      if (filled > 0) first = false
      if (bytesRead === 0) {
        if (filled > start) yield* decodePieces(buffer, start, filled)
        return
      }
      const lastNewline = buffer.lastIndexOf(NEWLINE, filled - 1)
      if (lastNewline < start) {
        // No complete line yet: keep everything and read more.
        carried = filled
        continue
      }
      yield* decodePieces(buffer, start, lastNewline + 1)
      carried = filled - (lastNewline + 1)
      buffer.copy(buffer, 0, lastNewline + 1, filled)
    }
  } finally {
    await source.close()
  }
}

/** Fills `target[offset, offset + length)` with the next bytes; 0 at the end. */
interface ByteSource {
  read(target: Buffer, offset: number, length: number): Promise<number>
  close(): Promise<void>
}

async function fileSource(path: string): Promise<ByteSource> {
  const handle = await open(path, 'r')
  return {
    read: async (target, offset, length) => (await handle.read(target, offset, length, null)).bytesRead,
    close: () => handle.close(),
  }
}

function gunzipSource(path: string): ByteSource {
  const stream = createReadStream(path).pipe(createGunzip())
  const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>
  let pending: Buffer = Buffer.alloc(0)
  return {
    async read(target, offset, length) {
      while (pending.length === 0) {
        const next = await chunks.next()
        if (next.done === true) return 0
        pending = next.value
      }
      const count = Math.min(length, pending.length)
      pending.copy(target, offset, 0, count)
      pending = pending.subarray(count)
      return count
    },
    async close() {
      stream.destroy()
    },
  }
}

/**
 * UTF-8 text of `buffer[start, end)`. ASCII (checked with simdutf) is decoded as
 * latin1, a plain byte copy measured several times faster than Node's UTF-8 decoder.
 */
function decode(buffer: Buffer, start: number, end: number): string {
  const bytes = buffer.subarray(start, end)
  return bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8')
}

/** `buffer[start, end)` as strings of at most about MAX_STRING_BYTES, each ending after a newline (but the last). */
function* decodePieces(buffer: Buffer, start: number, end: number): Generator<string> {
  let pieceStart = start
  while (pieceStart < end) {
    let pieceEnd = end
    if (end - pieceStart > MAX_STRING_BYTES) {
      const cut = buffer.lastIndexOf(NEWLINE, pieceStart + MAX_STRING_BYTES - 1)
      if (cut >= pieceStart) {
        pieceEnd = cut + 1
      } else {
        const next = buffer.indexOf(NEWLINE, pieceStart + MAX_STRING_BYTES)
        pieceEnd = next < 0 || next >= end ? end : next + 1
      }
    }
    yield decode(buffer, pieceStart, pieceEnd)
    pieceStart = pieceEnd
  }
}
