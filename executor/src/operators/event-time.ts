/**
 * The event time of a watermarked value, microseconds: a timestamp itself, or the
 * end of a window struct (Spark's WatermarkSupport compares `window.end`).
 */
export function eventTimeMicros(value: unknown): number | null {
  if (value === null || value === undefined) return null
  return Array.isArray(value) ? (value[1] as number) : (value as number)
}

/** A value at or before the watermark is late / closed (Spark's `eventTime <= watermark`); nothing is late before the first watermark. */
export function isLate(value: unknown, watermarkMicros: number): boolean {
  if (watermarkMicros <= 0) return false
  const time = eventTimeMicros(value)
  return time !== null && time <= watermarkMicros
}
