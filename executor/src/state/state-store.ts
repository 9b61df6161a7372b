/**
 * Identifies one state store instance: the state of one stateful operator for one
 * shuffle partition, under `<checkpointRoot>/state/<operatorId>/<partitionId>/[<storeName>/]`.
 * `storeName` is omitted for the default store (joins use several named stores,
 * e.g. `left-keyToNumValues`).
 */
export interface StateStoreId {
  readonly checkpointRoot: string
  readonly operatorId: number
  readonly partitionId: number
  readonly storeName?: string
}

/** What a store reports for progress (`stateOperators[].numRowsTotal`, `memoryUsedBytes`). */
export interface StateStoreMetrics {
  /** Keys in this version of the store. */
  readonly numKeys: number
  /** Estimated heap bytes of this version's keys and values (Spark's SizeEstimator analogue). */
  readonly memoryUsedBytes: number
}

/**
 * A read-only view of one committed version of a store.
 *
 * NOTE: values returned by `get` and `iterator` are the stored objects, shared with
 * later versions: treat them as immutable (put a new value instead of mutating).
 */
export interface ReadStateStore {
  readonly id: StateStoreId
  /** The version this store was opened at. */
  readonly version: number
  /** The value of `key`, or `undefined` when absent (null is a valid stored value). */
  get(key: string): unknown
  /** Every (key, value) pair, in no particular order. */
  iterator(): IterableIterator<[string, unknown]>
  readonly metrics: StateStoreMetrics
  /** Releases the view. Idempotent. */
  abort(): void
}

/**
 * Spark's StateStore contract: opened at version `v` (the state after the last
 * committed batch), updated by `put`/`remove`, then either `commit()` which durably
 * writes version `v + 1` and returns it, or `abort()` which discards the updates.
 * Keys are strings (the caller encodes grouping keys); values are anything
 * `v8.serialize` accepts (structured-clone: bigint, Map, arrays, plain objects…;
 * class prototypes are not kept).
 *
 * Lifecycle: UPDATING → COMMITTED | ABORTED. `put`, `remove` and `commit` after
 * either end state throw; `abort` is idempotent and a no-op after commit.
 */
export interface StateStore extends ReadStateStore {
  put(key: string, value: unknown): void
  /** Removes `key`; no-op when absent. */
  remove(key: string): void
  /** Writes version `version + 1` atomically and returns it. */
  commit(): number
  /** True once `commit()` has succeeded. */
  readonly hasCommitted: boolean
}

/** Opens versions of one store instance. One provider per `StateStoreId` per executor keeps a cache of recent versions. */
export interface StateStoreProvider {
  readonly id: StateStoreId
  /** A writable store at committed `version` (0 = empty). Throws CANNOT_LOAD_STATE_STORE when the version cannot be rebuilt. */
  getStore(version: number): StateStore
  /** A read-only view of committed `version` (no copy is made). */
  getReadStore(version: number): ReadStateStore
  /** Writes a snapshot when due and deletes files no longer needed (Spark's doMaintenance). */
  doMaintenance(): void
  /** Drops cached versions. */
  close(): void
}
