import type { SeededRandom } from './seeded-random.js'
import type { StreamTestInput } from './file-stream-input.js'
import { addData, startStream, stopStream, type StreamAction } from './stream-actions.js'

/** A plain-JS reference of a streaming query, advanced one micro-batch at a time. */
export interface StressModel<T> {
  /** Applies one micro-batch of input values, as the engine would. */
  processBatch(values: readonly T[]): void
  /** A check action (checkAnswer, checkSink, ...) for the model's state now. */
  check(): StreamAction
}

/** Options of `stressScript`. */
export interface StressScriptOptions<T> {
  readonly random: SeededRandom
  /** Number of random steps (Spark's runStressTest uses 100). */
  readonly steps: number
  readonly input: StreamTestInput
  /** The values of one addData. */
  readonly randomBatch: (random: SeededRandom) => T[]
  /** The rows given to `input.addData` for the values (default: the values themselves). */
  readonly toRows?: (values: readonly T[]) => unknown[]
}

/**
 * A random script in the manner of Spark's `runStressTest`: add data, check,
 * stop, start, in random order, with the reference `model` advanced as the
 * script is built. Batch boundaries are made deterministic (so that the
 * watermark, which moves per batch, is too): data added while the stream runs is
 * checked at once (one batch per addData); data added while it is stopped forms
 * one batch when it starts again, checked at once. The script starts with a
 * running stream and ends with a check.
 */
export function stressScript<T>(model: StressModel<T>, options: StressScriptOptions<T>): StreamAction[] {
  const { random, input } = options
  const toRows = options.toRows ?? ((values: readonly T[]) => [...values])
  const actions: StreamAction[] = [startStream()]
  let running = true
  let pending: T[] = []
  for (let step = 0; step < options.steps; step++) {
    const r = random.next()
    if (running) {
      if (r < 0.5) {
        const values = options.randomBatch(random)
        actions.push(addData(input, ...toRows(values)))
        model.processBatch(values)
        actions.push(model.check())
      } else if (r < 0.7) {
        actions.push(stopStream())
        running = false
      } else {
        actions.push(model.check())
      }
    } else if (r < 0.6) {
      const values = options.randomBatch(random)
      actions.push(addData(input, ...toRows(values)))
      pending = pending.concat(values)
    } else {
      actions.push(startStream())
      running = true
      if (pending.length > 0) model.processBatch(pending)
      pending = []
      actions.push(model.check())
    }
  }
  if (!running) {
    actions.push(startStream())
    if (pending.length > 0) model.processBatch(pending)
  }
  actions.push(model.check())
  return actions
}
