import type { StreamingQueryProgress, StreamingQueryStatus, StreamingQueryError } from '@sluice/coordinator'
import type { QueryHandle } from '../session/session-backend.js'

/**
 * A running streaming query (PySpark's StreamingQuery). `id` survives restarts
 * (it lives in the checkpoint), `runId` is new per start. Waiting methods take
 * milliseconds, as Scala's API does. The getters are synchronous in both modes: in
 * a remote session they read a mirror of the query that the coordinator's events
 * keep fresh.
 */
export class StreamingQuery {
  constructor(private readonly handle: QueryHandle, private readonly explainText: () => Promise<string>) {}

  get id(): string { return this.handle.id }
  get runId(): string { return this.handle.runId }
  get name(): string | null { return this.handle.name }
  get isActive(): boolean { return this.handle.isActive }
  get status(): StreamingQueryStatus { return { ...this.handle.status } }
  get lastProgress(): StreamingQueryProgress | null { return this.handle.lastProgress }
  /** The last progress updates (at most spark.sql.streaming.numRecentProgressUpdates − 1, as Spark keeps them), oldest first. */
  get recentProgress(): StreamingQueryProgress[] { return [...this.handle.recentProgress] }

  /** Resolves true once stopped or failed (rejecting with the failure), false when `timeoutMs` passes first. */
  awaitTermination(timeoutMs?: number): Promise<boolean> { return this.handle.awaitTermination(timeoutMs) }
  /** Waits until all data available now has been processed and committed to the sink. */
  processAllAvailable(): Promise<void> { return this.handle.processAllAvailable() }
  stop(): Promise<void> { return this.handle.stop() }
  exception(): StreamingQueryError | null { return this.handle.exception() }

  async explain(extended = false): Promise<void> {
    void extended
    process.stdout.write(await this.explainText())
  }
}
