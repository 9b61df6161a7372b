export * from './query-planner.js'
export * from './planner-context.js'
