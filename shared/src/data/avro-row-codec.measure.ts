/**
 * Measures the wire codec on course rows (not a test): `npx tsx shared/src/data/avro-row-codec.measure.ts`.
 * Prints rows/s for encode and decode of 4096-row batches and bytes per row.
 */
import { parseDDL } from '../types/ddl-parser.js'
import { createRowCodec } from './avro-row-codec.js'
import type { Row } from './row.js'

const schema = parseDDL(
  'Arrival_Time BIGINT, Creation_Time BIGINT, Device STRING, Index BIGINT, Model STRING, ' +
  'User STRING, geolocation STRUCT<city: STRING, country: STRING>, gt STRING, id BIGINT, x DOUBLE, y DOUBLE, z DOUBLE')
const codec = createRowCodec(schema)
const models = ['nexus4', 's3', 'samsungold', 'gear']
const activities = ['stand', 'sit', 'walk', 'bike', 'stairsup', 'stairsdown']
const cities = [['Paris', 'France'], ['Lagos', 'Nigeria'], ['Lima', 'Peru'], ['Osaka', 'Japan']]

function courseRow(i: number): Row {
  const model = models[i % models.length]!
  return [
    1_424_686_735_090n + BigInt(i), 1_424_686_733_090_118_019n + BigInt(i * 1000), `${model}_${i % 3}`, BigInt(i),
    model, String.fromCharCode(97 + (i % 9)), [...cities[i % cities.length]!], activities[i % activities.length]!,
    BigInt(i), Math.sin(i) / 100, Math.cos(i) / 100, (i % 7) / 1000,
  ]
}

const BATCH = 4096
const BATCHES = 60
const batches = Array.from({ length: BATCHES }, (_, b) => Array.from({ length: BATCH }, (_, i) => courseRow(b * BATCH + i)))

function measure(label: string, work: () => void): number {
  work() // warm-up
  const start = process.hrtime.bigint()
  work()
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  const rowsPerSecond = (BATCH * BATCHES) / seconds
  console.log(`${label}: ${(rowsPerSecond / 1e6).toFixed(2)} M rows/s`)
  return rowsPerSecond
}

let encoded: Buffer[] = []
measure('encode', () => { encoded = batches.map((rows) => codec.encode(rows)) })
measure('decode', () => { for (const buffer of encoded) codec.decode(buffer) })
const bytes = encoded.reduce((sum, b) => sum + b.length, 0)
console.log(`bytes per row: ${(bytes / (BATCH * BATCHES)).toFixed(1)}`)
