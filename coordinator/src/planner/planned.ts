import type { PhysicalPlan } from '@sluice/shared'

/** A physical plan under construction, with what planning above it needs to know. */
export interface Planned {
  readonly exec: PhysicalPlan
  /** Per output column: the relation alias that qualifies it (`t` in `t.a`), if any. */
  readonly qualifiers: readonly (string | undefined)[]
  /** Output columns that carry an event-time watermark (the column itself, or a window over it). */
  readonly eventTime: ReadonlySet<number>
  /**
   * Per output column: the earlier output column it repeats (`SELECT k, k`: the same
   * attribute twice, which a reference by name may pick without ambiguity, as in Spark).
   */
  readonly repeats?: readonly (number | undefined)[]
  /** Delay of the watermark on those columns, microseconds. */
  readonly watermarkDelayMicros?: number
}
