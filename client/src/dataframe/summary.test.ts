import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Sluice } from '../session/sluice.js'

let spark: Sluice
beforeAll(async () => { spark = await Sluice.builder().appName('summary-test').getOrCreate() })
afterAll(async () => { await spark.stop() })

// pyspark.sql.DataFrame.summary's example.
const people = () => spark.createDataFrame([
  { name: 'Bob', age: 13, weight: 40.3, height: 150.5 },
  { name: 'Alice', age: 12, weight: 37.8, height: 142.3 },
  { name: 'Tom', age: 11, weight: 44.1, height: 142.2 },
], 'name STRING, age BIGINT, weight DOUBLE, height DOUBLE')

describe('DataFrame.summary', () => {
  it('should give the default statistics as the PySpark docs show them', async () => {
    // The docs' weight stddev (3.1722757341273704) comes from three one-row partitions merged; one partition
    // gives 3.172275734127371 with Spark's own update formula: compared to 15 digits.
    const text = await people().select('age', 'height').summary().showString()
    expect(text).toBe([
      '+-------+----+-----------------+',
      '|summary| age|           height|',
      '+-------+----+-----------------+',
      '|  count|   3|                3|',
      '|   mean|12.0|            145.0|',
      '| stddev| 1.0|4.763402145525822|',
      '|    min|  11|            142.2|',
      '|    25%|  11|            142.2|',
      '|    50%|  12|            142.3|',
      '|    75%|  13|            150.5|',
      '|    max|  13|            150.5|',
      '+-------+----+-----------------+',
      '',
    ].join('\n'))
    const weight = (await people().select('weight').summary().collect()).map((row) => row['weight'])
    expect(weight.map((v, i) => (i === 1 || i === 2 ? Number(v).toPrecision(15) : v))).toEqual(
      ['3', '40.7333333333333', '3.17227573412737', '37.8', '37.8', '40.3', '44.1', '44.1'])
  })

  it('should give the statistics asked for, in that order, string columns included', async () => {
    expect(await people().summary('count', 'min', '25%', '75%', 'max', 'count_distinct').collect()).toEqual([
      { summary: 'count', name: '3', age: '3', weight: '3', height: '3' },
      { summary: 'min', name: 'Alice', age: '11', weight: '37.8', height: '142.2' },
      { summary: '25%', name: null, age: '11', weight: '37.8', height: '142.2' },
      { summary: '75%', name: null, age: '13', weight: '44.1', height: '150.5' },
      { summary: 'max', name: 'Tom', age: '13', weight: '44.1', height: '150.5' },
      { summary: 'count_distinct', name: '3', age: '3', weight: '3', height: '3' },
    ])
  })

  it('should refuse an unknown statistic and a percentile it cannot parse', async () => {
    await expect(people().summary('median').collect()).rejects.toThrow('median is not a recognised statistic.')
    await expect(people().summary('x%').collect()).rejects.toThrow('Unable to parse x% as a percentile.')
  })
})
