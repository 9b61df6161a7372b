import { aggregateFunctionCatalog, scalarFunctionCatalog } from '../functions/catalog.js'
import type { AggregateFunctionDefinition, ScalarFunctionDefinition } from '../functions/function-types.js'
import { AnalysisError } from '../errors/sluice-error.js'

let scalarIndex: Map<string, ScalarFunctionDefinition> | undefined
let aggregateIndex: Map<string, AggregateFunctionDefinition> | undefined
let indexedSizes = [-1, -1]

/** (Re)builds the name indexes when the catalogs changed size (they are filled at module load). */
function indexes(): [Map<string, ScalarFunctionDefinition>, Map<string, AggregateFunctionDefinition>] {
  if (scalarIndex === undefined || aggregateIndex === undefined ||
    indexedSizes[0] !== scalarFunctionCatalog.length || indexedSizes[1] !== aggregateFunctionCatalog.length) {
    scalarIndex = new Map(scalarFunctionCatalog.map((d) => [d.name.toLowerCase(), d]))
    aggregateIndex = new Map(aggregateFunctionCatalog.map((d) => [d.name.toLowerCase(), d]))
    indexedSizes = [scalarFunctionCatalog.length, aggregateFunctionCatalog.length]
  }
  return [scalarIndex, aggregateIndex]
}

/** The scalar function of that name (case-insensitive), or undefined. */
export function lookupScalarFunction(name: string): ScalarFunctionDefinition | undefined {
  return indexes()[0].get(name.toLowerCase())
}

/** The aggregate function of that name (case-insensitive), or undefined. */
export function lookupAggregateFunction(name: string): AggregateFunctionDefinition | undefined {
  return indexes()[1].get(name.toLowerCase())
}

/** True when `name` is an aggregate function (`count`, `SUM`, ...). */
export function isAggregateFunctionName(name: string): boolean {
  return lookupAggregateFunction(name) !== undefined
}

/** Spark's UNRESOLVED_ROUTINE for an unknown function name. */
export function unresolvedRoutineError(name: string): AnalysisError {
  const searchPath = '[`system`.`builtin`, `system`.`session`, `spark_catalog`.`default`]'
  return new AnalysisError('UNRESOLVED_ROUTINE',
    `Cannot resolve routine \`${name}\` on search path ${searchPath}. SQLSTATE: 42883`,
    { routineName: `\`${name}\``, searchPath })
}
