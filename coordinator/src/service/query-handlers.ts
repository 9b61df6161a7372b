import type { ServerUnaryCall } from '@grpc/grpc-js'
import { GrpcStatus, SluiceError } from '@sluice/shared'
import type {
  AwaitTerminationRequest__Output, AwaitTerminationResponse, GetQueryRequest__Output, ListQueriesRequest__Output,
  ListQueriesResponse, ProcessAllAvailableRequest__Output, QueryInfo, SluiceServiceHandlers, StartQueryRequest__Output,
  StopQueryRequest__Output,
} from '@sluice/proto'
import type { QueryRecord } from '../sessions/query-registry.js'
import { startSessionQuery } from '../sessions/start-session-query.js'
import { unary } from './handler-adapters.js'
import { queryInfoOf, startQueryInput } from './query-proto.js'
import { checkPaths } from './security/request-paths.js'
import type { ServiceContext } from './service-context.js'

type QueryHandlers = Pick<SluiceServiceHandlers,
  'StartQuery' | 'ListQueries' | 'GetQuery' | 'StopQuery' | 'AwaitTermination' | 'ProcessAllAvailable'>

/** A query id this coordinator does not know (never started here, or forgotten long after it ended). */
export class QueryNotFoundError extends SluiceError {
  constructor(queryId: string) {
    super({
      errorClass: 'STREAMING_QUERY_NOT_FOUND', message: `No streaming query with id ${queryId} on this coordinator.`,
      params: { queryId }, domain: 'user', grpcStatus: GrpcStatus.NOT_FOUND,
    })
  }
}

/**
 * Streaming queries (Spark's StreamingQueryManager and StreamingQuery). A query's
 * own failure is not the call's: AwaitTermination and ProcessAllAvailable answer OK
 * with the query's `QueryInfo`, whose `exception` holds the failure (the client
 * throws it, as Spark's calls do); an error status means the call itself failed
 * (unknown query, unknown session...).
 */
export function queryHandlers(context: ServiceContext): QueryHandlers {
  const { sessions, allowedPaths } = context
  const recordOf = (queryId: string): QueryRecord => {
    const record = sessions.queries.get(queryId)
    if (record === undefined) throw new QueryNotFoundError(queryId)
    return record
  }
  return {
    StartQuery: unary(async (request: StartQueryRequest__Output): Promise<QueryInfo> => {
      const session = sessions.getOrCreate(request.sessionId)
      const conf = session.conf
      const input = startQueryInput(request, conf.get('spark.sql.session.timeZone') ?? 'UTC', conf.get('spark.sql.streaming.checkpointLocation') ?? '')
      await checkPaths(allowedPaths, input.paths)
      return queryInfoOf(await startSessionQuery(sessions, session, input))
    }),

    ListQueries: unary(async (request: ListQueriesRequest__Output): Promise<ListQueriesResponse> => {
      const sessionId = request.sessionId === '' ? undefined : request.sessionId
      return { queries: sessions.queries.list(sessionId, request.includeTerminated).map(queryInfoOf) }
    }),

    GetQuery: unary(async (request: GetQueryRequest__Output) => queryInfoOf(recordOf(request.queryId))),

    StopQuery: unary(async (request: StopQueryRequest__Output) => {
      const record = recordOf(request.queryId)
      await record.execution.stop()
      return queryInfoOf(record)
    }),

    AwaitTermination: unary(async (request: AwaitTerminationRequest__Output, call): Promise<AwaitTerminationResponse> => {
      const timeoutMs = Number(request.timeoutMs) > 0 ? Number(request.timeoutMs) : undefined
      if (request.queryId === '') {
        const session = sessions.get(request.sessionId)
        const terminated = await untilCancelled(call, session.streams.awaitAnyTermination(timeoutMs).catch(() => true))
        const last = sessions.queries.list(session.id, true).filter((r) => !r.execution.isActive).at(-1)
        return { terminated: terminated === true, query: last === undefined ? null : queryInfoOf(last) }
      }
      const record = recordOf(request.queryId)
      const terminated = await untilCancelled(call, record.execution.awaitTermination(timeoutMs).catch(queryFailure(record)))
      return { terminated: terminated === true, query: queryInfoOf(record) }
    }),

    ProcessAllAvailable: unary(async (request: ProcessAllAvailableRequest__Output, call) => {
      const record = recordOf(request.queryId)
      await untilCancelled(call, record.execution.processAllAvailable().catch(queryFailure(record)))
      return queryInfoOf(record)
    }),
  }
}

/** Swallows the query's own failure (QueryInfo reports it); rethrows anything else. */
function queryFailure(record: QueryRecord): (error: unknown) => true {
  return (error) => {
    if (record.execution.exception() !== null) return true
    throw error
  }
}

/** The work's result, or undefined as soon as the client cancels the call (the wait is then no one's). */
async function untilCancelled<T>(call: ServerUnaryCall<unknown, unknown>, work: Promise<T>): Promise<T | undefined> {
  if (call.cancelled) return undefined
  let onCancel: (() => void) | undefined
  const cancelled = new Promise<undefined>((resolve) => {
    onCancel = () => resolve(undefined)
    call.once('cancelled', onCancel)
  })
  try {
    return await Promise.race([work, cancelled])
  } finally {
    call.off('cancelled', onCancel!)
  }
}
