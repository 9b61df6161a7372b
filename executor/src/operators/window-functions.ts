import {
  compileAggregate, compileExpr,
  type EvalContext, type Expr, type PhysicalFrameBoundary, type PhysicalWindowFrame, type Row, type StructType, type WindowFunctionExec,
} from '@sluice/shared'
import { compareValues } from './value-ordering.js'

/** One partition, sorted by the window's order keys. */
export interface PartitionRows {
  readonly rows: readonly Row[]
  /** Each row's order key values. */
  readonly orderValues: readonly (readonly unknown[])[]
  /** Compares two rows' order values in the sort order (0: peers). */
  readonly compareOrder: (a: readonly unknown[], b: readonly unknown[]) => number
}

/** A compiled window function: its value for every row of a partition, in order. */
export type PartitionEvaluator = (partition: PartitionRows) => unknown[]

interface OrderKey { readonly direction: number; readonly nullsFirst: boolean }

/** Compiles a window function against the input schema; `firstOrder` is the (single) order key of a RANGE frame with offsets. */
export function compileWindowFunction(f: WindowFunctionExec, schema: StructType, ctx: EvalContext, firstOrder: OrderKey | undefined): PartitionEvaluator {
  const fn = f.function as Expr & { kind: 'Call' }
  const literal = (i: number): unknown => (fn.args[i] as { value?: unknown } | undefined)?.value
  switch (f.kind) {
    case 'row_number': return (p) => p.rows.map((_, i) => i + 1)
    case 'rank': return (p) => ranks(p, false)
    case 'dense_rank': return (p) => ranks(p, true)
    case 'percent_rank': return (p) => {
      const n = p.rows.length
      return ranks(p, false).map((r) => (n > 1 ? (r - 1) / (n - 1) : 0))
    }
    case 'cume_dist': return (p) => {
      const n = p.rows.length
      const out = new Array<number>(n)
      for (let end = n; end > 0;) {
        let start = end - 1
        while (start > 0 && p.compareOrder(p.orderValues[start - 1]!, p.orderValues[end - 1]!) === 0) start--
        for (let i = start; i < end; i++) out[i] = end / n
        end = start
      }
      return out
    }
    case 'ntile': return (p) => ntile(p.rows.length, literal(0) as number)
    case 'lag': case 'lead': {
      const input = compileExpr(fn.args[0]!, schema, ctx)
      const fallback = compileExpr(fn.args[2]!, schema, ctx)
      const offset = literal(1) as number
      return offsetValues(input.eval, fallback.eval, f.kind === 'lag' ? -offset : offset, literal(3) === true)
    }
    case 'nth_value': {
      const input = compileExpr(fn.args[0]!, schema, ctx)
      const n = literal(1) as number
      const ignoreNulls = literal(2) === true
      const frames = frameResolver(f.frame, schema, ctx, firstOrder)
      return (p) => {
        const bounds = frames(p)
        return p.rows.map((_, i) => {
          const [lo, hi] = bounds(i)
          let seen = 0
          for (let j = lo; j <= hi; j++) {
            const v = input.eval(p.rows[j]!) ?? null
            if (ignoreNulls && v === null) continue
            if (++seen === n) return v
          }
          return null
        })
      }
    }
    case 'aggregate': {
      const aggregate = compileAggregate(fn, schema, ctx)
      const frames = frameResolver(f.frame, schema, ctx, firstOrder)
      return (p) => {
        const bounds = frames(p)
        const out = new Array<unknown>(p.rows.length)
        let buffer: unknown
        let bufferLo = -1
        let bufferHi = -1
        let last: { lo: number; hi: number; value: unknown } | undefined
        for (let i = 0; i < p.rows.length; i++) {
          const [lo, hi] = bounds(i)
          if (lo > hi) { out[i] = aggregate.evaluate(aggregate.init()); continue }
          if (last !== undefined && last.lo === lo && last.hi === hi) { out[i] = last.value; continue }
          // Frames only move forward: add rows while the start stays, restart when it moves (Spark's sliding frame does the same).
          if (buffer === undefined || lo !== bufferLo || hi < bufferHi) {
            buffer = aggregate.init()
            bufferLo = lo
            bufferHi = lo - 1
          }
          while (bufferHi < hi) buffer = aggregate.update(buffer, p.rows[++bufferHi]!)
          last = { lo, hi, value: aggregate.evaluate(buffer) }
          out[i] = last.value
        }
        return out
      }
    }
  }
}

/** rank (1 + rows before the first peer) or dense_rank (1 + distinct order values before). */
function ranks(p: PartitionRows, dense: boolean): number[] {
  const out = new Array<number>(p.rows.length)
  for (let i = 0; i < p.rows.length; i++) {
    const peer = i > 0 && p.compareOrder(p.orderValues[i - 1]!, p.orderValues[i]!) === 0
    out[i] = peer ? out[i - 1]! : dense ? (i === 0 ? 1 : out[i - 1]! + 1) : i + 1
  }
  return out
}

/** Spark's NTile: n div buckets rows per bucket, the first n mod buckets buckets one row more. */
function ntile(n: number, buckets: number): number[] {
  const size = Math.floor(n / buckets)
  const padded = n % buckets
  const out: number[] = []
  for (let bucket = 1; out.length < n; bucket++) {
    const count = size + (bucket <= padded ? 1 : 0)
    for (let k = 0; k < count; k++) out.push(bucket)
  }
  return out
}

/**
 * lag / lead: the input at `offset` rows from the current one (negative: before), the
 * default (over the current row) when there is no such row; ignoring nulls, the
 * |offset|-th non-null input in that direction, the current row excluded.
 */
function offsetValues(input: (row: Row) => unknown, fallback: (row: Row) => unknown, offset: number, ignoreNulls: boolean): PartitionEvaluator {
  return (p) => p.rows.map((row, i) => {
    if (!ignoreNulls || offset === 0) {
      const target = p.rows[i + offset]
      return target === undefined ? fallback(row) ?? null : input(target) ?? null
    }
    const step = offset < 0 ? -1 : 1
    let remaining = Math.abs(offset)
    for (let j = i + step; j >= 0 && j < p.rows.length; j += step) {
      const v = input(p.rows[j]!) ?? null
      if (v !== null && --remaining === 0) return v
    }
    return fallback(row) ?? null
  })
}

/** For a partition, each row's frame as inclusive row indexes [lo, hi] (empty when lo > hi). */
function frameResolver(frame: PhysicalWindowFrame, schema: StructType, ctx: EvalContext, firstOrder: OrderKey | undefined): (p: PartitionRows) => (i: number) => [number, number] {
  const lower = boundaryResolver(frame.lower, frame.type, 'lower', schema, ctx, firstOrder)
  const upper = boundaryResolver(frame.upper, frame.type, 'upper', schema, ctx, firstOrder)
  return (p) => {
    const n = p.rows.length
    return (i) => [Math.max(0, lower(p, i)), Math.min(n - 1, upper(p, i))]
  }
}

type BoundaryResolver = (p: PartitionRows, i: number) => number

function boundaryResolver(b: PhysicalFrameBoundary, type: 'rows' | 'range', side: 'lower' | 'upper', schema: StructType, ctx: EvalContext, firstOrder: OrderKey | undefined): BoundaryResolver {
  switch (b.kind) {
    case 'unboundedPreceding': return () => 0
    case 'unboundedFollowing': return (p) => p.rows.length - 1
    case 'rows': return (_, i) => i + b.offset
    case 'currentRow':
      if (type === 'rows') return (_, i) => i
      // RANGE CURRENT ROW: the first or last peer of the row.
      return (p, i) => {
        let j = i
        if (side === 'lower') while (j > 0 && p.compareOrder(p.orderValues[j - 1]!, p.orderValues[i]!) === 0) j--
        else while (j < p.rows.length - 1 && p.compareOrder(p.orderValues[j + 1]!, p.orderValues[i]!) === 0) j++
        return j
      }
    case 'range': {
      const bound = compileExpr(b.bound, schema, ctx)
      const key = firstOrder!
      // Rows are sorted by the order key, so the frame edge is found by binary search:
      // lower = first row not before the bound, upper = last row not after it (Spark's RangeBoundOrdering).
      return (p, i) => {
        const value = bound.eval(p.rows[i]!) ?? null
        const before = (j: number) => compareKey(p.orderValues[j]![0] ?? null, value, key)
        let lo = 0
        let hi = p.rows.length
        if (side === 'lower') {
          while (lo < hi) { const mid = (lo + hi) >> 1; if (before(mid) < 0) lo = mid + 1; else hi = mid }
          return lo
        }
        while (lo < hi) { const mid = (lo + hi) >> 1; if (before(mid) <= 0) lo = mid + 1; else hi = mid }
        return lo - 1
      }
    }
  }
}

/** One order key in the sort's direction and null placement (nulls equal to each other). */
export function compareKey(x: unknown, y: unknown, key: { direction: number; nullsFirst: boolean }): number {
  if (x === null || y === null) {
    if (x === y) return 0
    return (x === null) === key.nullsFirst ? -1 : 1
  }
  return compareValues(x, y) * key.direction
}
