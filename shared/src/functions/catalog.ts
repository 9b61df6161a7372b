import type { AggregateFunctionDefinition, ScalarFunctionDefinition } from './function-types.js'
import { aggregateFunctions } from './aggregate-functions.js'

/** Every scalar function Sluice knows, one entry per Spark name (aliases are separate entries). */
export const scalarFunctionCatalog: ScalarFunctionDefinition[] = []

/** Every aggregate function Sluice knows, one entry per Spark name. */
export const aggregateFunctionCatalog: AggregateFunctionDefinition[] = [...aggregateFunctions]
