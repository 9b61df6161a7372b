import { GrpcStatus, SluiceError, type Row, type StructType } from '@sluice/shared'
import type { ClientBatchCallback } from '../streaming/sinks/sink-descriptor.js'

/** One micro-batch for a client-side sink (foreach, foreachBatch, console). */
export interface SinkCallbackBatchMessage {
  readonly callbackId: string
  readonly batchId: number
  readonly schema: StructType
  readonly rows: readonly Row[]
}

/** A client's connection that runs sink callbacks (one `SinkCallbacks` stream). */
export interface SinkCallbackChannel {
  /** Hands a batch to the client; the client answers through `SinkCallbackRouter.acknowledge`. */
  send(batch: SinkCallbackBatchMessage): void
}

interface PendingBatch {
  readonly channel: SinkCallbackChannel
  readonly resolve: () => void
  readonly reject: (error: Error) => void
}

/** A client sink callback could not run: its client is not (or no longer) connected. */
export class SinkCallbackUnavailableError extends SluiceError {
  constructor(errorClass: string, message: string, callbackId: string) {
    super({ errorClass, message, params: { callbackId }, domain: 'external', grpcStatus: GrpcStatus.UNAVAILABLE })
  }
}

/**
 * Routes the batches of client-side sinks to the client streams that serve them,
 * by callback id, and resolves each batch when its client acknowledges it. A batch
 * whose client stream is gone (or never came within `connectTimeoutMs`) fails, and
 * with it the query, with an error naming the callback.
 */
export class SinkCallbackRouter {
  readonly #channels = new Map<string, SinkCallbackChannel>()
  /** Callback ids whose stream closed, with the reason (a batch for them fails at once). */
  readonly #gone = new Map<string, string>()
  readonly #waiting = new Map<string, (() => void)[]>()
  readonly #pending = new Map<string, PendingBatch>()
  /** Channels whose stream ended, with the reason (a batch never goes to one). */
  readonly #detached = new WeakMap<SinkCallbackChannel, string>()

  constructor(private readonly connectTimeoutMs = 10_000) {}

  /** A client stream announced (hello) that it serves these callback ids. */
  attach(channel: SinkCallbackChannel, callbackIds: readonly string[]): void {
    for (const id of callbackIds) {
      this.#channels.set(id, channel)
      this.#gone.delete(id)
      const waiters = this.#waiting.get(id) ?? []
      this.#waiting.delete(id)
      for (const wake of waiters) wake()
    }
  }

  /** The client ran (or failed) the callback of one batch. */
  acknowledge(callbackId: string, batchId: number, error?: Error): void {
    const key = pendingKey(callbackId, batchId)
    const pending = this.#pending.get(key)
    if (pending === undefined) return
    this.#pending.delete(key)
    if (error) pending.reject(error)
    else pending.resolve()
  }

  /** The client stream ended: its batches in flight fail, later ones fail at once. */
  detach(channel: SinkCallbackChannel, reason: string): void {
    this.#detached.set(channel, reason)
    for (const [id, attached] of this.#channels) {
      if (attached !== channel) continue
      this.#channels.delete(id)
      this.#gone.set(id, reason)
    }
    for (const [key, pending] of this.#pending) {
      if (pending.channel !== channel) continue
      this.#pending.delete(key)
      const [callbackId, batchId] = splitKey(key)
      pending.reject(gone(callbackId, reason, batchId))
    }
  }

  /** The sink callback of a query whose client serves `callbackId`. */
  callbackFor(callbackId: string): ClientBatchCallback {
    return async (schema, rows, batchId) => {
      const channel = await this.channelFor(callbackId, batchId)
      const reason = this.#detached.get(channel)
      if (reason !== undefined) throw gone(callbackId, reason, batchId)
      const key = pendingKey(callbackId, batchId)
      const done = new Promise<void>((resolve, reject) => {
        this.#pending.set(key, { channel, resolve, reject })
      })
      try {
        channel.send({ callbackId, batchId, schema, rows })
      } catch (error) {
        // Never sent: nothing will answer it (and nothing may reject it unobserved later).
        this.#pending.delete(key)
        throw error
      }
      await done
    }
  }

  private async channelFor(callbackId: string, batchId: number): Promise<SinkCallbackChannel> {
    const deadline = Date.now() + this.connectTimeoutMs
    for (;;) {
      const channel = this.#channels.get(callbackId)
      if (channel !== undefined) return channel
      const reason = this.#gone.get(callbackId)
      if (reason !== undefined) throw gone(callbackId, reason, batchId)
      const remaining = deadline - Date.now()
      if (remaining <= 0) {
        throw new SinkCallbackUnavailableError('SINK_CALLBACK_NOT_CONNECTED',
          `No client SinkCallbacks stream serves the sink callback '${callbackId}' (waited ${this.connectTimeoutMs} ms for batch ${batchId}); ` +
          'the client must open SinkCallbacks and announce the id before its query runs.', callbackId)
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining)
        const waiters = this.#waiting.get(callbackId) ?? []
        waiters.push(() => { clearTimeout(timer); resolve() })
        this.#waiting.set(callbackId, waiters)
      })
    }
  }
}

function gone(callbackId: string, reason: string, batchId: number): SinkCallbackUnavailableError {
  return new SinkCallbackUnavailableError('SINK_CALLBACK_CLIENT_GONE',
    `The client's SinkCallbacks stream for the sink callback '${callbackId}' is gone (${reason}); batch ${batchId} could not run in the client.`,
    callbackId)
}

function pendingKey(callbackId: string, batchId: number): string {
  return `${batchId}:${callbackId}`
}

function splitKey(key: string): [string, number] {
  const colon = key.indexOf(':')
  return [key.slice(colon + 1), Number(key.slice(0, colon))]
}
