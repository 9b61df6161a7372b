import { ByteReader, ByteWriter, readStateValue, writeStateValue } from './state-value-codec.js'
import { StateStoreLoadError } from './state-store-error.js'

/** Marks a removal in a delta file (in place of the value size), as in Spark's HDFS-backed store. */
const REMOVAL = -1
/** Ends every file: a reader that does not reach it knows the file is truncated. */
const END_OF_FILE = -1

/**
 * Writes records in the layout of Spark's `N.delta` / `N.snapshot` files (without
 * Spark's lz4 and UnsafeRow encoding): for each record `int32 keySize, key (UTF-8),
 * int32 valueSize | -1 for a removal, value (state-value-codec)`, then `int32 -1`.
 * Big-endian, as Java's DataOutputStream.
 */
export class StateFileWriter {
  private readonly writer = new ByteWriter()

  put(key: string, value: unknown): void {
    const writer = this.writer
    const keySizeAt = writer.offset
    writer.writeInt32(0)
    // NOTE: read `writer.buffer` only after writing: a write may replace it with a larger one.
    const keySize = writer.writeUtf8(key)
    writer.buffer.writeInt32BE(keySize, keySizeAt)
    const valueSizeAt = writer.offset
    writer.writeInt32(0)
    writeStateValue(writer, value)
    const valueSize = writer.offset - valueSizeAt - 4
    writer.buffer.writeInt32BE(valueSize, valueSizeAt)
  }

  remove(key: string): void {
    const writer = this.writer
    const keySizeAt = writer.offset
    writer.writeInt32(0)
    // NOTE: read `writer.buffer` only after writing: a write may replace it with a larger one.
    const keySize = writer.writeUtf8(key)
    writer.buffer.writeInt32BE(keySize, keySizeAt)
    writer.writeInt32(REMOVAL)
  }

  /** The file's bytes, end marker included. */
  finish(): Buffer {
    this.writer.writeInt32(END_OF_FILE)
    return this.writer.result()
  }
}

/**
 * Applies the records of one file in order. Throws
 * CANNOT_LOAD_STATE_STORE.CANNOT_READ_STREAMING_STATE_FILE naming `file` and the
 * byte offset when the file is truncated or malformed.
 */
export function applyStateRecords(data: Buffer, file: string, onPut: (key: string, value: unknown) => void, onRemove: (key: string) => void): void {
  const reader = new ByteReader(data)
  const corrupt = (reason: string, cause?: unknown): StateStoreLoadError =>
    new StateStoreLoadError(
      'CANNOT_READ_STREAMING_STATE_FILE',
      file,
      `Error reading streaming state file ${file} at byte ${reader.offset}: ${reason}. The file is corrupt or truncated.`,
      cause,
    )
  try {
    for (;;) {
      if (reader.offset + 4 > data.length) throw corrupt('unexpected end of file while reading the key size (no end-of-file marker)')
      const keySize = reader.readInt32()
      if (keySize === END_OF_FILE) break
      if (keySize < 0 || reader.offset + keySize > data.length) throw corrupt(`key size cannot be ${keySize}`)
      const key = data.toString('utf8', reader.offset, reader.offset + keySize)
      reader.offset += keySize
      if (reader.offset + 4 > data.length) throw corrupt('unexpected end of file while reading the value size')
      const valueSize = reader.readInt32()
      if (valueSize === REMOVAL) {
        onRemove(key)
        continue
      }
      if (valueSize < 0 || reader.offset + valueSize > data.length) throw corrupt(`value size cannot be ${valueSize}`)
      const end = reader.offset + valueSize
      const value = readStateValue(reader)
      if (reader.offset !== end) throw corrupt(`the value of key '${key.slice(0, 60)}' does not fill its ${valueSize} bytes`)
      onPut(key, value)
    }
  } catch (error) {
    if (error instanceof StateStoreLoadError) throw error
    throw corrupt((error as Error).message, error)
  }
  if (reader.offset !== data.length) throw corrupt(`${data.length - reader.offset} bytes after the end-of-file marker`)
}
