import type { QueryEvent__Output, QueryInfo__Output } from '@sluice/proto'
import type { SluiceRpc } from '../../remote/sluice-rpc.js'
import { CONNECTION_OPTIONS, CONNECTION_USAGE, EXIT_OK, PROCESS_IO, UsageError, connectFor, connectionOf, parseCommandLine, runCommand, type CommandIo } from './command-line.js'
import { rate, summaryOf } from './query-summary.js'

const USAGE = `[ID] [--follow] ${CONNECTION_USAGE}`

/**
 * `sluice progress [ID]`: the latest progress of a query (or of every active query)
 * as Spark's pretty JSON. `--follow`: one line per progress event as the coordinator
 * reports it (WatchEvents, every session or only ID), and one when a query ends,
 * until Ctrl-C.
 */
export function run(argv: string[]): Promise<number> {
  return runProgress(argv, PROCESS_IO)
}

export function runProgress(argv: readonly string[], io: CommandIo): Promise<number> {
  return runCommand('progress', USAGE, io, async () => {
    const { values, positionals } = parseCommandLine(argv, { ...CONNECTION_OPTIONS, follow: { type: 'boolean', short: 'f', default: false } })
    if (values.help) { io.out(`Usage: sluice progress ${USAGE}\n`); return EXIT_OK }
    if (positionals.length > 1) throw new UsageError('at most one query id expected')
    const queryId = positionals[0]
    const connection = connectionOf(values, io.env)
    if (values.follow) return follow(connection, queryId, io)
    const { rpc, result } = await connectFor(connection, async (r): Promise<QueryInfo__Output[]> =>
      queryId !== undefined ? [await r.unary('getQuery', { queryId }, { deadline: r.connectDeadline })]
        : (await r.unary('listQueries', { sessionId: '', includeTerminated: false }, { deadline: r.connectDeadline })).queries)
    rpc.close()
    if (result.length === 0) { io.out('No active streaming queries.\n'); return EXIT_OK }
    const { parseJsonNode, renderPretty } = await import('@sluice/coordinator')
    for (const info of result) {
      const summary = summaryOf(info)
      if (queryId === undefined) io.out(`== ${summary.name || '(unnamed)'} ${summary.id} (${summary.state}) ==\n`)
      io.out(summary.lastProgressJson === null ? 'No progress yet.\n' : `${renderPretty(parseJsonNode(summary.lastProgressJson))}\n`)
    }
    return EXIT_OK
  })
}

/** Follows the event stream until the signal (Ctrl-C) or the server ends it. */
async function follow(connection: Parameters<typeof connectFor>[0], queryId: string | undefined, io: CommandIo): Promise<number> {
  // The stream is lazy: the first event (or the end) is what proves the address answers.
  const { rpc } = await connectFor(connection, async (r) => { await r.unary('listQueries', { sessionId: '', includeTerminated: false }, { deadline: r.connectDeadline }) })
  const signal = io.signal ?? sigint()
  try {
    await followEvents(rpc, queryId, io, signal)
  } finally {
    rpc.close()
  }
  return EXIT_OK
}

async function followEvents(rpc: SluiceRpc, queryId: string | undefined, io: CommandIo, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return
  const events = rpc.stream('watchEvents', { sessionId: '' })
  const onAbort = (): void => events.cancel()
  signal.addEventListener('abort', onAbort, { once: true })
  try {
    for await (const event of events) {
      if (queryId !== undefined && event.queryId !== queryId) continue
      const line = eventLine(event)
      if (line !== undefined) io.out(`${line}\n`)
    }
  } finally {
    signal.removeEventListener('abort', onAbort)
  }
}

/** One line of `progress --follow`: time, query, batch, rows, rates, duration; or the end of a query. */
export function eventLine(event: QueryEvent__Output): string | undefined {
  const json = JSON.parse(event.json) as Record<string, unknown>
  if (event.type === 'QueryProgressEvent') {
    const p = (json['progress'] ?? json) as { id?: string; name?: string | null; timestamp?: string; batchId?: number; numInputRows?: number; inputRowsPerSecond?: number; processedRowsPerSecond?: number; batchDuration?: number }
    const who = p.name ? `${p.name} ${p.id ?? event.queryId}` : (p.id ?? event.queryId)
    return `${p.timestamp ?? ''}  ${who}  batch ${p.batchId ?? '?'}  ${p.numInputRows ?? 0} rows  ${rate(p.inputRowsPerSecond ?? null)} in/s  ${rate(p.processedRowsPerSecond ?? null)} processed/s  ${p.batchDuration ?? 0} ms`
  }
  if (event.type === 'QueryTerminatedEvent') {
    const exception = typeof json['exception'] === 'string' ? `: ${json['exception']}` : ''
    return `${new Date().toISOString()}  ${event.queryId}  terminated${exception}`
  }
  return undefined
}

function sigint(): AbortSignal {
  const controller = new AbortController()
  process.once('SIGINT', () => controller.abort())
  return controller.signal
}
