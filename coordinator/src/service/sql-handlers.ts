import type { ServerWritableStream } from '@grpc/grpc-js'
import { AnalysisError, schemaToJson, type Row, type StructType } from '@sluice/shared'
import type {
  AnalyzePlanRequest__Output, AnalyzePlanResponse, ExecutePlanRequest__Output, ExecuteSqlRequest__Output, RowBatch,
  SluiceServiceHandlers, WritePlanRequest__Output, WritePlanResponse, WriteSpec__Output,
} from '@sluice/proto'
import type { WriteSpec } from '../batch/write-spec.js'
import type { QueryEngine } from '../session/query-engine.js'
import { parseSqlStatement, runSqlStatement, type SqlStatement } from '../sessions/sql-statement.js'
import { cancelSignalOf, serverStream, unary, writeMessage } from './handler-adapters.js'
import { admitPlan } from './plan-intake.js'
import { rowBatches } from './row-batches.js'
import { checkPaths, confPaths, optionPaths, planPaths } from './security/request-paths.js'
import type { ServiceContext } from './service-context.js'

type SqlHandlers = Pick<SluiceServiceHandlers, 'ExecuteSql' | 'ExecutePlan' | 'AnalyzePlan' | 'WritePlan'>

/** ExecuteSql, ExecutePlan, AnalyzePlan, WritePlan: batch work in a session (or a fresh one). */
export function sqlHandlers(context: ServiceContext): SqlHandlers {
  const { sessions, allowedPaths } = context
  return {
    ExecuteSql: serverStream(async (request: ExecuteSqlRequest__Output, call) => {
      await checkPaths(allowedPaths, confPaths(request.conf))
      await sessions.withSession(request.sessionId, request.conf, async (session, engine) => {
        const statement = parseSqlStatement(request.sql, timeZoneOf(engine))
        await checkPaths(allowedPaths, statementPaths(statement))
        const result = await runSqlStatement(statement, session, engine, cancelSignalOf(call))
        await sendRows(call, result.schema, result.rows)
      })
    }),

    ExecutePlan: serverStream(async (request: ExecutePlanRequest__Output, call) => {
      await sessions.withSession(request.sessionId, {}, async (_session, engine) => {
        const plan = await admitPlan(request.plan, timeZoneOf(engine), allowedPaths)
        const result = await engine.collect(plan, { signal: cancelSignalOf(call) })
        await sendRows(call, result.schema, result.rows)
      })
    }),

    AnalyzePlan: unary(async (request: AnalyzePlanRequest__Output): Promise<AnalyzePlanResponse> =>
      sessions.withSession(request.sessionId, {}, async (_session, engine) => {
        const plan = await admitPlan(request.plan, timeZoneOf(engine), allowedPaths)
        const schemaJson = schemaToJson(await engine.schemaOf(plan))
        if (request.kind === 'KIND_SCHEMA') return { schemaJson }
        return { schemaJson, explain: await engine.explain(plan, request.kind === 'KIND_EXPLAIN_EXTENDED') }
      })),

    WritePlan: unary(async (request: WritePlanRequest__Output): Promise<WritePlanResponse> =>
      sessions.withSession(request.sessionId, {}, async (_session, engine) => {
        const plan = await admitPlan(request.plan, timeZoneOf(engine), allowedPaths)
        const spec = writeSpecOf(request.write)
        await checkPaths(allowedPaths, [{ path: spec.path, role: `${spec.format} write path` }, ...optionPaths(spec.options, `${spec.format} write`)])
        const result: unknown = await engine.save(plan, spec)
        return { numOutputRows: String(numOutputRowsOf(result)) }
      })),
  }
}

/** Streams a result as RowBatch messages (at least one, with the schema). */
async function sendRows(call: ServerWritableStream<unknown, RowBatch>, schema: StructType, rows: readonly Row[]): Promise<void> {
  for (const batch of rowBatches(schema, rows)) {
    if (call.cancelled) return
    await writeMessage(call, batch)
  }
}

function statementPaths(statement: SqlStatement) {
  if (statement.kind === 'query') return planPaths(statement.plan)
  if (statement.kind === 'set' && statement.key !== undefined && statement.value !== undefined) return confPaths({ [statement.key]: statement.value })
  return []
}

function timeZoneOf(engine: QueryEngine): string {
  return engine.conf.get('spark.sql.session.timeZone') ?? 'UTC'
}

const SAVE_MODES = new Set(['append', 'overwrite', 'error', 'errorifexists', 'ignore'])

/** `df.write` as the proto carries it; the mode defaults to errorifexists and the format to parquet, as Spark's. */
function writeSpecOf(write: WriteSpec__Output | null): WriteSpec {
  if (write === null || write.path === '') {
    throw new AnalysisError('WRITE_PATH_REQUIRED', "WritePlan needs WriteSpec.path: 'path' is not specified.")
  }
  const mode = (write.mode || 'errorifexists').toLowerCase()
  if (!SAVE_MODES.has(mode)) {
    throw new AnalysisError('INVALID_SAVE_MODE', `The specified save mode "${write.mode}" is invalid. Valid save modes include "append", "overwrite", "ignore", "error", "errorifexists", and "default".`, { mode: write.mode })
  }
  return {
    format: (write.format || 'parquet').toLowerCase(),
    mode: mode as WriteSpec['mode'],
    path: write.path,
    partitionBy: write.partitionBy,
    options: Object.fromEntries(Object.entries(write.options).map(([k, v]) => [k.toLowerCase(), v])),
  }
}

/**
 * Rows written, when the engine's save reports them; 0 until it does (QueryEngine.save
 * answers void today: widening it touches SessionBackend.save, the client's contract).
 */
function numOutputRowsOf(result: unknown): number {
  if (typeof result === 'number') return result
  if (typeof result === 'object' && result !== null && typeof (result as { numOutputRows?: unknown }).numOutputRows === 'number') {
    return (result as { numOutputRows: number }).numOutputRows
  }
  return 0
}
