import type { AggregateFunctionDefinition } from './function-types.js'
import { basicAggregates } from './basic-aggregates.js'
import { statisticalAggregates } from './statistical-aggregates.js'
import { approxCountDistinctAggregate } from './approx-count-distinct.js'
import { percentileAggregates } from './percentile-aggregates.js'
import { moreAggregates } from './more-aggregates.js'

/** Every aggregate function, aliases included. */
export const aggregateFunctions: AggregateFunctionDefinition[] = [
  ...basicAggregates,
  ...statisticalAggregates,
  approxCountDistinctAggregate,
  ...percentileAggregates,
  ...moreAggregates,
]
