import { randomUUID } from 'node:crypto'
import { resolve } from 'node:path'
import type { Row, SinkWriteSpec, StructType } from '@sluice/shared'
import { commitDeltaWrite, deltaFilesSpec, deltaSinkAddBatch, deltaSinkWriteOptions, planDeltaWrite, type DeltaWritePlan } from '@sluice/storage'
import { deleteSupersededFiles } from './delete-superseded-files.js'
import type { OutputMode, SinkBatchContext, SinkWriteResult, StreamingSink } from './streaming-sink.js'

/**
 * Delta Lake's streaming sink: one table version per batch with data, carrying a
 * `txn` action (appId = query id, version = batch id); a batch whose id the log
 * already holds for this query is skipped, so a replay never doubles rows.
 * Phase one runs on the executors: the coordinator plans the write (schema, partitioning,
 * txn check), the tasks write the data files and return their add actions, and the
 * coordinator commits them as one version.
 */
export class DeltaStreamingSink implements StreamingSink {
  readonly description: string
  readonly #path: string
  readonly #plans = new Map<number, DeltaWritePlan>()

  constructor(path: string, private readonly partitionBy: readonly string[], private readonly options: Readonly<Record<string, string>>) {
    this.#path = resolve(path)
    this.description = `DeltaSink[${this.#path}]`
  }

  async addBatch(batchId: number, schema: StructType, rows: readonly Row[], outputMode: OutputMode, queryId: string): Promise<void> {
    await deltaSinkAddBatch(this.#path, queryId, batchId, rows, schema, deltaMode(outputMode), this.partitionBy, this.options)
  }

  async executorWrite(batchId: number, batch: SinkBatchContext): Promise<SinkWriteSpec | undefined> {
    const plan = await planDeltaWrite(this.#path, deltaSinkWriteOptions(batch.queryId, batchId, batch.schema, deltaMode(batch.outputMode), this.partitionBy, this.options))
    if (plan.skipped) return undefined
    this.#plans.set(batchId, plan)
    return { format: 'delta', path: this.#path, partitionBy: this.partitionBy, options: this.options, timeZone: 'UTC', jobId: randomUUID(), delta: deltaFilesSpec(plan) }
  }

  /**
   * Commits the batch's files; an append batch without rows commits nothing, a
   * complete one replaces every file. Then deletes the files of the batch's superseded
   * attempts (see `deleteSupersededFiles`).
   */
  async commitFiles(batchId: number, written: SinkWriteResult): Promise<void> {
    const plan = this.#plans.get(batchId)
    this.#plans.delete(batchId)
    if (!plan) throw new Error(`The Delta sink has no write planned for batch ${batchId}`)
    const added = written.deltaFiles ?? []
    const complete = plan.options.mode === 'overwrite'
    if (complete || added.length > 0) await commitDeltaWrite(plan, added, complete ? plan.snapshot?.files ?? [] : [], written.numOutputRows ?? 0)
    await deleteSupersededFiles(this.#path, written.supersededAttempts)
  }
}

function deltaMode(outputMode: OutputMode): 'append' | 'complete' {
  return outputMode === 'complete' ? 'complete' : 'append'
}
