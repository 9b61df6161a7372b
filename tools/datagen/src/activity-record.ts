import type { SeededRandom } from './seeded-random.js'

/** The users of the course dataset. */
export const ACTIVITY_USERS = Object.freeze(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'])
/** The phone models; devices are `<model>_1` and `<model>_2`. */
export const ACTIVITY_MODELS = Object.freeze(['nexus4', 's3', 's3mini', 'samsungold'])
/** The activities (`gt`, ground truth); null is also generated. */
export const ACTIVITY_LABELS = Object.freeze(['bike', 'sit', 'stand', 'walk', 'stairsup', 'stairsdown'])
/** The DDL schema of the generated records, as in the course notebook. */
export const ACTIVITY_SCHEMA_DDL =
  'Arrival_Time BIGINT, Creation_Time BIGINT, Device STRING, Index BIGINT, Model STRING, ' +
  'User STRING, geolocation STRUCT<city: STRING, country: STRING>, gt STRING, id BIGINT, ' +
  'x DOUBLE, y DOUBLE, z DOUBLE'

const PLACES = Object.freeze([
  ['Aarhus', 'Denmark'], ['Copenhagen', 'Denmark'], ['Berlin', 'Germany'], ['Paris', 'France'],
  ['Amsterdam', 'Netherlands'], ['Madrid', 'Spain'], ['Rome', 'Italy'], ['Oslo', 'Norway'],
] as const)

/** What one generated record holds, in internal values (longs as bigint). */
export interface ActivityRecord {
  readonly Arrival_Time: bigint
  readonly Creation_Time: bigint
  readonly Device: string
  readonly Index: bigint
  readonly Model: string
  readonly User: string
  readonly geolocation: { readonly city: string; readonly country: string }
  readonly gt: string | null
  readonly id: null
  readonly x: number
  readonly y: number
  readonly z: number
}

/** Draws records one after another; the per-device `Index` counts up across files. */
export class ActivityRecordSource {
  private readonly indexByDevice = new Map<string, number>()
  private arrivalMs: number

  constructor(private readonly random: SeededRandom, startTimeMs: number) {
    this.arrivalMs = startTimeMs
  }

  next(): ActivityRecord {
    const random = this.random
    const model = random.pick(ACTIVITY_MODELS)
    const device = `${model}_${random.nextInt(2) + 1}`
    const index = this.indexByDevice.get(device) ?? 0
    this.indexByDevice.set(device, index + 1)
    this.arrivalMs += random.nextInt(5)
    // The phone's clock runs up to 2 s behind arrival, in nanoseconds (beyond 2^53).
    const creationNs = BigInt(this.arrivalMs) * 1_000_000n - BigInt(random.nextInt(2_000_000_000))
    const labelDraw = random.nextInt(ACTIVITY_LABELS.length + 1)
    const [city, country] = random.pick(PLACES)
    return {
      Arrival_Time: BigInt(this.arrivalMs),
      Creation_Time: creationNs,
      Device: device,
      Index: BigInt(index),
      Model: model,
      User: random.pick(ACTIVITY_USERS),
      geolocation: { city, country },
      gt: labelDraw === ACTIVITY_LABELS.length ? null : ACTIVITY_LABELS[labelDraw]!,
      id: null,
      x: random.nextGaussian(0, 0.5),
      y: random.nextGaussian(0, 0.5),
      z: random.nextGaussian(9.81, 0.5),
    }
  }
}

/** One record as a JSON line (no newline): longs as exact digits, `gt` and `id` null when null. */
export function activityRecordToJson(record: ActivityRecord): string {
  return `{"Arrival_Time":${record.Arrival_Time},"Creation_Time":${record.Creation_Time},` +
    `"Device":"${record.Device}","Index":${record.Index},"Model":"${record.Model}","User":"${record.User}",` +
    `"geolocation":{"city":"${record.geolocation.city}","country":"${record.geolocation.country}"},` +
    `"gt":${record.gt === null ? 'null' : `"${record.gt}"`},"id":null,` +
    `"x":${record.x},"y":${record.y},"z":${record.z}}`
}
