/**
 * Measures the wire codec on course rows (not a test): `npx tsx shared/src/data/avro-row-codec.measure.ts`.
 * Prints rows/s (per CPU second and per wall second) for encode and decode of
 * 4096-row batches, for the wire codec and for plain avsc on the same records, and bytes per row.
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

/** Rows per second of CPU time of this process (steadier than wall time on a shared machine). */
function measure(label: string, work: () => void): number {
  work() // warm-up
  const start = process.cpuUsage()
  const wallStart = process.hrtime.bigint()
  for (let round = 0; round < 3; round++) work()
  const used = process.cpuUsage(start)
  const cpuSeconds = (used.user + used.system) / 1e6
  const wallSeconds = Number(process.hrtime.bigint() - wallStart) / 1e9
  const rows = 3 * BATCH * BATCHES
  console.log(`${label}: ${(rows / cpuSeconds / 1e6).toFixed(2)} M rows/s of CPU time (${(rows / wallSeconds / 1e6).toFixed(2)} M rows/s wall)`)
  return rows / cpuSeconds
}

let encoded: Buffer[] = []
measure('wire codec encode', () => { encoded = batches.map((rows) => codec.encode(rows)) })
measure('wire codec decode', () => { for (const buffer of encoded) codec.decode(buffer) })
// The same rows through avsc (records built beforehand), for comparison.
const records = batches.map((rows) => rows.map((row) => codec.toAvroValue(row)))
const avscBuffer = Buffer.alloc(1 << 24)
measure('avsc encode (records)', () => { for (const batch of records) { let p = 0; for (const r of batch) p = codec.avroType.encode(r, avscBuffer, p) } })
measure('avsc decode (records)', () => {
  for (const buffer of encoded) { let p = 2; for (let i = 0; i < BATCH; i++) p = codec.avroType.decode(buffer, p).offset }
})
const bytes = encoded.reduce((sum, b) => sum + b.length, 0)
console.log(`bytes per row: ${(bytes / (BATCH * BATCHES)).toFixed(1)}`)
