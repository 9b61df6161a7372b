// The task contract lives in @sluice/shared (the coordinator imports it without the
// executor's runtime); re-exported here so existing imports keep working.
export type { Task, TaskResult, SinkWriteSpec, StreamingTaskSpec, StreamTaskInput } from '@sluice/shared'
