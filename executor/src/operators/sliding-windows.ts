/**
 * Starts of the windows of length `windowMicros`, sliding by `slideMicros` and
 * offset by `startMicros`, that contain `timestamp` (Spark's TimeWindow expansion:
 * ceil(window / slide) candidates, keeping those with start ≤ t < end), latest first.
 */
export function windowStartsContaining(timestamp: number, windowMicros: number, slideMicros: number, startMicros: number): number[] {
  const candidates = Math.ceil(windowMicros / slideMicros)
  const remainder = (((timestamp - startMicros) % slideMicros) + slideMicros) % slideMicros
  const lastStart = timestamp - remainder
  const starts: number[] = []
  for (let i = 0; i < candidates; i++) {
    const start = lastStart - i * slideMicros
    if (start <= timestamp && timestamp < start + windowMicros) starts.push(start)
  }
  return starts
}
