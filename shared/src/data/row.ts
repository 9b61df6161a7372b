/**
 * A row in the engine: field values in schema order, each in the internal
 * representation documented in `types/data-type.ts`. Operators pass rows in
 * batches (`Row[]`, a few thousand at a time) and never share a row array between
 * two batches they emit, so a consumer may keep what it receives.
 */
export type Row = unknown[]
export type RowBatch = Row[]
