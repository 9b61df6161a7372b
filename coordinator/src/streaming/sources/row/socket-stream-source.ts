import * as net from 'node:net'
import { ExecutionError, StringType, StructField, StructType, TimestampType, type Clock, type Row } from '@sluice/shared'
import { parseLongOffset, type StreamSource } from './stream-source.js'

export interface SocketStreamOptions {
  readonly host: string
  readonly port: number | string
  /** Add a `timestamp` column with the time each line arrived (Spark's includeTimestamp). */
  readonly includeTimestamp?: boolean | string
}

/**
 * The `socket` source (Spark's TextSocketMicroBatchStream), for demos: reads UTF-8
 * lines from a TCP server into an in-memory buffer; column `value STRING` (plus
 * `timestamp TIMESTAMP` with includeTimestamp). Offset N is the index of the last
 * line received (the first line is 0).
 *
 * NOTE: not replayable and not fault-tolerant, as in Spark: lines live only in this
 * process and are dropped on commit. After a restart, asking for lines that are no
 * longer buffered fails with SOCKET_SOURCE_NOT_REPLAYABLE instead of inventing rows.
 */
export class SocketStreamSource implements StreamSource {
  readonly schema: StructType
  readonly description: string
  private readonly buffer: Row[] = []
  /** Offset of the last line received, -1 before the first. */
  private currentOffset = -1
  /** Offset of the last line committed (dropped from the buffer). */
  private lastOffsetCommitted = -1
  private pendingLine = ''
  private failure: Error | null = null

  private constructor(
    private readonly socket: net.Socket,
    readonly host: string,
    readonly port: number,
    private readonly includeTimestamp: boolean,
    private readonly clock: Clock,
  ) {
    this.schema = includeTimestamp
      ? StructType([StructField('value', StringType, true), StructField('timestamp', TimestampType, true)])
      : StructType([StructField('value', StringType, true)])
    this.description = `TextSocketV2[host: ${host}, port: ${port}]`
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => this.receive(chunk))
    socket.on('end', () => {
      if (this.pendingLine !== '') this.addLine(this.pendingLine)
      this.pendingLine = ''
    })
    socket.on('error', (error) => {
      this.failure = error
    })
  }

  /** Connects to `host:port`; rejects with SOCKET_SOURCE_CONNECTION_FAILED naming the address. */
  static connect(options: SocketStreamOptions, clock: Clock): Promise<SocketStreamSource> {
    const port = Number(options.port)
    const includeTimestamp = options.includeTimestamp === true || options.includeTimestamp === 'true'
    return new Promise((resolve, reject) => {
      const socket = net.createConnection({ host: options.host, port })
      const onError = (error: Error): void => {
        reject(new ExecutionError('SOCKET_SOURCE_CONNECTION_FAILED', `Cannot connect to the socket source at ${options.host}:${port}: ${error.message}`, { host: options.host, port: String(port) }, error))
      }
      socket.once('error', onError)
      socket.once('connect', () => {
        socket.off('error', onError)
        resolve(new SocketStreamSource(socket, options.host, port, includeTimestamp, clock))
      })
    })
  }

  async latestOffset(): Promise<string | null> {
    if (this.failure !== null) throw this.connectionLost()
    return this.currentOffset < 0 ? null : String(this.currentOffset)
  }

  async getBatch(start: string | null, end: string): Promise<Row[]> {
    const startOrdinal = (start === null ? -1 : parseLongOffset(start, this.description)) + 1
    const endOrdinal = parseLongOffset(end, this.description) + 1
    const sliceStart = startOrdinal - this.lastOffsetCommitted - 1
    const sliceEnd = endOrdinal - this.lastOffsetCommitted - 1
    if (sliceStart < 0 || sliceEnd > this.buffer.length) {
      throw new ExecutionError(
        'SOCKET_SOURCE_NOT_REPLAYABLE',
        `${this.description} cannot provide lines (${startOrdinal - 1}, ${endOrdinal - 1}]: it holds lines (${this.lastOffsetCommitted}, ${this.currentOffset}] only. ` +
          `The socket source keeps lines in memory and cannot replay them after a restart.`,
      )
    }
    return this.buffer.slice(sliceStart, sliceEnd).map((row) => [...row])
  }

  async commit(end: string): Promise<void> {
    const newOffset = parseLongOffset(end, this.description)
    const offsetDiff = newOffset - this.lastOffsetCommitted
    if (offsetDiff < 0) throw new RangeError(`${this.description}: offsets committed out of order: ${this.lastOffsetCommitted} followed by ${newOffset}`)
    this.buffer.splice(0, Math.min(offsetDiff, this.buffer.length))
    this.lastOffsetCommitted = newOffset
  }

  async stop(): Promise<void> {
    this.socket.destroy()
  }

  private receive(chunk: string): void {
    const text = this.pendingLine + chunk
    // Java's readLine ends a line at \n, \r or \r\n.
    const parts = text.split(/\r\n|\n|\r/)
    this.pendingLine = parts.pop() ?? ''
    // A trailing \r may be the first half of \r\n: keep it pending.
    if (text.endsWith('\r')) {
      this.pendingLine = ''
      const last = parts.pop()
      if (last !== undefined) this.pendingLine = `${last}\r`
    }
    for (const line of parts) this.addLine(line)
  }

  private addLine(line: string): void {
    const cleaned = line.endsWith('\r') ? line.slice(0, -1) : line
    this.buffer.push(this.includeTimestamp ? [cleaned, this.clock.now() * 1000] : [cleaned])
    this.currentOffset++
  }

  private connectionLost(): ExecutionError {
    return new ExecutionError('SOCKET_SOURCE_CONNECTION_FAILED', `The connection of ${this.description} failed: ${this.failure!.message}`, undefined, this.failure)
  }
}
