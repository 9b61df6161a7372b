import type { StreamExecution, StreamingQueryProgress, StreamingQueryStatus, StreamingQueryError } from '@sluice/coordinator'

/**
 * A running streaming query (PySpark's StreamingQuery). `id` survives restarts
 * (it lives in the checkpoint), `runId` is new per start. Waiting methods take
 * milliseconds, as Scala's API does.
 */
export class StreamingQuery {
  constructor(private readonly execution: StreamExecution, private readonly explainText: () => Promise<string>) {}

  get id(): string { return this.execution.id }
  get runId(): string { return this.execution.runId }
  get name(): string | null { return this.execution.name }
  get isActive(): boolean { return this.execution.isActive }
  get status(): StreamingQueryStatus { return { ...this.execution.status } }
  get lastProgress(): StreamingQueryProgress | null { return this.execution.lastProgress }
  /** The last progress updates (at most spark.sql.streaming.numRecentProgressUpdates − 1, as Spark keeps them), oldest first. */
  get recentProgress(): StreamingQueryProgress[] { return [...this.execution.recentProgress] }

  /** Resolves true once stopped or failed (rejecting with the failure), false when `timeoutMs` passes first. */
  awaitTermination(timeoutMs?: number): Promise<boolean> { return this.execution.awaitTermination(timeoutMs) }
  /** Waits until all data available now has been processed and committed to the sink. */
  processAllAvailable(): Promise<void> { return this.execution.processAllAvailable() }
  stop(): Promise<void> { return this.execution.stop() }
  exception(): StreamingQueryError | null { return this.execution.exception() }

  async explain(extended = false): Promise<void> {
    void extended
    process.stdout.write(await this.explainText())
  }
}
