export { generateActivityFiles, type GenerateActivityOptions, type GeneratedActivityFiles } from './generate-activity-files.js'
export {
  ACTIVITY_LABELS,
  ACTIVITY_MODELS,
  ACTIVITY_SCHEMA_DDL,
  ACTIVITY_USERS,
  activityRecordToJson,
  ActivityRecordSource,
  type ActivityRecord,
} from './activity-record.js'
export { SeededRandom } from './seeded-random.js'
