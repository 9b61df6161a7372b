/**
 * Calls the synchronous API starts (a conf set, a view created) sent one after the
 * other in the order made; the session's next asynchronous call waits for them with
 * `flush()`, which throws the first failure since the last flush (so a refused
 * `conf.set` surfaces at the next action, not never).
 */
export class OrderedSends {
  #tail: Promise<void> = Promise.resolve()
  #failure: { error: unknown } | undefined

  enqueue(send: () => Promise<unknown>): void {
    this.#tail = this.#tail.then(send).then(() => undefined, (error: unknown) => { this.#failure ??= { error } })
  }

  async flush(): Promise<void> {
    await this.#tail
    const failure = this.#failure
    this.#failure = undefined
    if (failure) throw failure.error
  }
}
