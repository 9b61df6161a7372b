import type { Row } from '../data/row.js'
import type { DataType } from '../types/data-type.js'
import type { CompiledExpr } from './types.js'

/** A compiled expression plus what the compiler needs while building its parent. */
export interface CompiledNode extends CompiledExpr {
  /** True when the value does not depend on the row (a literal, or built only from literals). */
  readonly foldable: boolean
}

export function makeNode(dataType: DataType, nullable: boolean, name: string, foldable: boolean,
  evaluate: (row: Row) => unknown): CompiledNode {
  return { dataType, nullable, name, foldable, eval: evaluate }
}

const NOT_CONSTANT = Symbol('not constant')
const EMPTY_ROW: Row = []

/** The value of a foldable node, or undefined when it is not foldable or raises an error (then the error surfaces per row). */
export function constantValue(node: CompiledNode): unknown {
  if (!node.foldable) return undefined
  const v = tryEval(node)
  return v === NOT_CONSTANT ? undefined : v
}

function tryEval(node: CompiledNode): unknown {
  try {
    return node.eval(EMPTY_ROW)
  } catch {
    return NOT_CONSTANT
  }
}
