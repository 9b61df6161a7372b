import type { AggregateFunctionDefinition, ScalarFunctionDefinition } from './function-types.js'
import { aggregateFunctions } from './aggregate-functions.js'
import { stringFunctions } from './string-functions.js'
import { regexpFunctions } from './regexp-functions.js'
import { binaryFunctions } from './binary-functions.js'
import { mathFunctions } from './math-functions.js'
import { datetimeFunctions, moreDatetimeFunctions } from './datetime-functions.js'
import { windowFunctions } from './window-functions.js'
import { conditionalFunctions } from './conditional-functions.js'
import { collectionFunctions } from './collection-functions.js'
import { conversionFunctions } from './conversion-functions.js'
import { jsonFunctions } from './json-functions.js'
import { toNumberFunctions } from './to-number-functions.js'
import { tryFunctions } from './try-functions.js'

/** Every scalar function Sluice knows, one entry per Spark name (aliases are separate entries). */
export const scalarFunctionCatalog: ScalarFunctionDefinition[] = [
  ...stringFunctions,
  ...regexpFunctions,
  ...binaryFunctions,
  ...mathFunctions,
  ...datetimeFunctions,
  ...moreDatetimeFunctions,
  ...windowFunctions,
  ...conditionalFunctions,
  ...collectionFunctions,
  ...conversionFunctions,
  ...jsonFunctions,
  ...toNumberFunctions,
  ...tryFunctions,
]

/** Every aggregate function Sluice knows, one entry per Spark name. */
export const aggregateFunctionCatalog: AggregateFunctionDefinition[] = [...aggregateFunctions]
