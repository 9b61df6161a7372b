import type { SchemaElement } from 'hyparquet'
import { ExecutionError, type DataType, type Row, type StructType } from '@sluice/shared'
import { GrowableBytes } from './growable-arrays.js'

/**
 * One step from a node's value to a child node (Dremel): into a struct field, to the elements
 * of a list, or to the keys or values of a map. `childOptional` says whether the child may be
 * null (one definition level); list and map steps add a repeated level too.
 */
export type LeafStep =
  | { readonly kind: 'field'; readonly index: number; readonly childOptional: boolean }
  | { readonly kind: 'list'; readonly childOptional: boolean }
  | { readonly kind: 'map'; readonly childOptional: boolean; readonly part: 'key' | 'value' }

/** A primitive column of the Parquet file: where it is in the Spark schema and its levels. */
export interface LeafColumn {
  /** Top-level field index in the row. */
  readonly fieldIndex: number
  /** Steps below the top-level field (empty for a top-level primitive). */
  readonly steps: readonly LeafStep[]
  /** Whether the leaf value itself may be null. */
  readonly leafOptional: boolean
  readonly topOptional: boolean
  readonly dataType: DataType
  readonly element: SchemaElement
  readonly pathInSchema: readonly string[]
  readonly maxDefinitionLevel: number
  readonly maxRepetitionLevel: number
}

/**
 * The leaf columns of `schema` in file order, given the flattened Parquet schema that
 * `sparkToParquetSchema` made for it (root first, depth-first).
 */
export function leafColumnsOf(schema: StructType, elements: readonly SchemaElement[]): LeafColumn[] {
  const leaves: LeafColumn[] = []
  let cursor = 1
  const next = (): SchemaElement => elements[cursor++]!
  schema.fields.forEach((field, fieldIndex) => {
    const top = next()
    const topOptional = field.nullable
    const visit = (type: DataType, element: SchemaElement, steps: LeafStep[], optional: boolean, path: string[], def: number, rep: number): void => {
      switch (type.kind) {
        case 'struct':
          type.fields.forEach((child, index) => {
            const childElement = next()
            visit(child.dataType, childElement, [...steps, { kind: 'field', index, childOptional: child.nullable }], child.nullable, [...path, childElement.name], def + (child.nullable ? 1 : 0), rep)
          })
          return
        case 'array': {
          const repeated = next()
          const elementNode = next()
          visit(type.elementType, elementNode, [...steps, { kind: 'list', childOptional: type.containsNull }], type.containsNull, [...path, repeated.name, elementNode.name], def + 1 + (type.containsNull ? 1 : 0), rep + 1)
          return
        }
        case 'map': {
          const keyValue = next()
          const keyNode = next()
          visit(type.keyType, keyNode, [...steps, { kind: 'map', childOptional: false, part: 'key' }], false, [...path, keyValue.name, keyNode.name], def + 1, rep + 1)
          const valueNode = next()
          visit(type.valueType, valueNode, [...steps, { kind: 'map', childOptional: type.valueContainsNull, part: 'value' }], type.valueContainsNull, [...path, keyValue.name, valueNode.name], def + 1 + (type.valueContainsNull ? 1 : 0), rep + 1)
          return
        }
        default:
          leaves.push({ fieldIndex, steps, leafOptional: optional, topOptional, dataType: type, element, pathInSchema: path, maxDefinitionLevel: def, maxRepetitionLevel: rep })
      }
    }
    visit(field.dataType, top, [], topOptional, [top.name], topOptional ? 1 : 0, 0)
  })
  return leaves
}

/** The levels and non-null values of one leaf column over a run of rows. */
export interface ShreddedColumn {
  /** One entry per level slot (rows for unrepeated columns); absent when the column is required. */
  readonly definitionLevels: Uint8Array | undefined
  /** Absent when the column is not repeated. */
  readonly repetitionLevels: Uint8Array | undefined
  /** Level slots: rows, plus one per extra list element or map entry. */
  readonly numLevels: number
  /** The non-null leaf values, in order. */
  readonly values: unknown[]
}

/** Rows shredded per leaf before moving to the next leaf: they stay in cache across leaves. */
const SHRED_BLOCK_ROWS = 2048

/** Shreds rows `[start, end)` into the levels and values of each leaf column. */
export function shredColumns(leaves: readonly LeafColumn[], rows: readonly Row[], start: number, end: number): ShreddedColumn[] {
  const flat = leaves.map((leaf) => (leaf.maxRepetitionLevel === 0 ? new UnrepeatedShredder(leaf, end - start) : undefined))
  for (let blockStart = start; blockStart < end; blockStart += SHRED_BLOCK_ROWS) {
    const blockEnd = Math.min(end, blockStart + SHRED_BLOCK_ROWS)
    for (const shredder of flat) shredder?.add(rows, blockStart, blockEnd, blockStart - start)
  }
  return leaves.map((leaf, i) => flat[i]?.finish() ?? shredRepeated(leaf, rows, start, end))
}

/** Levels and values of a column without repeated ancestors, filled block by block. */
class UnrepeatedShredder {
  private readonly values: unknown[]
  private readonly levels: Uint8Array | undefined
  private found = 0

  constructor(private readonly leaf: LeafColumn, private readonly count: number) {
    // Preallocated and trimmed at the end: pushing one by one grows the array log(n) times.
    this.values = new Array<unknown>(count)
    this.levels = leaf.maxDefinitionLevel === 0 ? undefined : new Uint8Array(count)
  }

  /** Shreds rows `[from, to)`, the first of which is level slot `slot`. */
  add(rows: readonly Row[], from: number, to: number, slot: number): void {
    const { leaf, values, levels } = this
    const { fieldIndex, steps } = leaf
    let found = this.found
    if (levels === undefined) {
      for (let r = from; r < to; r++) {
        const value = valueAlong(rows[r]![fieldIndex], steps)
        if (value === null || value === undefined) throw nullInRequiredColumn(leaf)
        values[found++] = value
      }
    } else if (steps.length === 0) {
      for (let r = from; r < to; r++, slot++) {
        const value = rows[r]![fieldIndex]
        if (value === null || value === undefined) continue
        levels[slot] = 1
        values[found++] = value
      }
    } else {
      const topLevel = leaf.topOptional ? 1 : 0
      for (let r = from; r < to; r++, slot++) {
        let value = rows[r]![fieldIndex]
        if (value === null || value === undefined) continue
        let level = topLevel
        for (let s = 0; s < steps.length; s++) {
          const step = steps[s] as Extract<LeafStep, { kind: 'field' }>
          value = (value as unknown[])[step.index]
          if (value === null || value === undefined) break
          if (step.childOptional) level++
        }
        levels[slot] = level
        if (value !== null && value !== undefined) values[found++] = value
      }
    }
    this.found = found
  }

  finish(): ShreddedColumn {
    this.values.length = this.found
    return { definitionLevels: this.levels, repetitionLevels: undefined, numLevels: this.count, values: this.values }
  }
}

function shredRepeated(leaf: LeafColumn, rows: readonly Row[], start: number, end: number): ShreddedColumn {
  const definitionLevels = new GrowableBytes()
  const repetitionLevels = new GrowableBytes()
  const values: unknown[] = []
  const { steps } = leaf
  const emit = (rep: number, def: number, value: unknown): void => {
    repetitionLevels.push(rep)
    definitionLevels.push(def)
    if (value !== null) values.push(value)
  }
  // `value` is the value of the node reached after `k` steps; `def` counts the levels defined
  // above it, `depth` the repeated steps taken so far.
  const visit = (value: unknown, k: number, optional: boolean, rep: number, def: number, depth: number): void => {
    if (value === null || value === undefined) {
      emit(rep, def, null)
      return
    }
    const defined = def + (optional ? 1 : 0)
    if (k === steps.length) {
      emit(rep, defined, value)
      return
    }
    const step = steps[k]!
    if (step.kind === 'field') {
      visit((value as unknown[])[step.index], k + 1, step.childOptional, rep, defined, depth)
      return
    }
    const items = step.kind === 'list' ? (value as unknown[]) : [...(value as Map<unknown, unknown>)]
    if (items.length === 0) {
      emit(rep, defined, null)
      return
    }
    const childDepth = depth + 1
    for (let i = 0; i < items.length; i++) {
      const item = step.kind === 'list' ? items[i] : (items[i] as [unknown, unknown])[step.part === 'key' ? 0 : 1]
      visit(item, k + 1, step.childOptional, i === 0 ? rep : childDepth, defined + 1, childDepth)
    }
  }
  for (let r = start; r < end; r++) visit(rows[r]![leaf.fieldIndex], 0, leaf.topOptional, 0, 0, 0)
  return { definitionLevels: definitionLevels.view(), repetitionLevels: repetitionLevels.view(), numLevels: definitionLevels.length, values }
}

function valueAlong(value: unknown, steps: readonly LeafStep[]): unknown {
  for (const step of steps) {
    if (value === null || value === undefined) return value
    value = (value as unknown[])[(step as Extract<LeafStep, { kind: 'field' }>).index]
  }
  return value
}

function nullInRequiredColumn(leaf: LeafColumn): ExecutionError {
  const path = leaf.pathInSchema.join('.')
  return new ExecutionError('NOT_NULL_ASSERT_VIOLATION', `NULL value appeared in non-nullable field: \`${path}\`.`, { fieldPath: path })
}
