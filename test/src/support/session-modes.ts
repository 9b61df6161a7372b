import { Sluice } from '@sluice/client'
import { startLocalCluster, type LocalCluster } from '../cluster/local-cluster.js'

/**
 * Where a suite runs: `embedded` (everything in the test's process) or
 * `cluster-N` (a real coordinator process and N executor processes of one slot
 * each, reached over gRPC). `SLUICE_MODES=embedded,cluster-3` narrows the list.
 */
export type SessionMode = `embedded` | `cluster-${number}`

export const SESSION_MODES: readonly SessionMode[] = (process.env['SLUICE_MODES'] ?? 'embedded,cluster-1,cluster-3')
  .split(',').map((m) => m.trim()).filter((m): m is SessionMode => m === 'embedded' || /^cluster-\d+$/.test(m))

export interface ModeSession {
  readonly spark: Sluice
  readonly mode: SessionMode
  /** The cluster behind a `cluster-N` session. */
  readonly cluster?: LocalCluster
  /** Stops the session's queries, the session, and the cluster's processes. */
  close(): Promise<void>
}

/** A session in `mode`: embedded, or remote against a cluster started for it. */
export async function openModeSession(mode: SessionMode, appName: string, conf: Readonly<Record<string, string>> = {}): Promise<ModeSession> {
  if (mode === 'embedded') {
    let builder = Sluice.builder().appName(appName)
    for (const [key, value] of Object.entries(conf)) builder = builder.config(key, value)
    const spark = await builder.getOrCreate()
    return { spark, mode, close: () => stopSession(spark) }
  }
  const executors = Number(mode.slice('cluster-'.length))
  const cluster = await startLocalCluster({ executors, name: `${appName}-${mode}` })
  try {
    let builder = Sluice.builder().appName(appName).remote(cluster.url)
    for (const [key, value] of Object.entries(conf)) builder = builder.config(key, value)
    const spark = await builder.getOrCreate()
    return {
      spark, mode, cluster,
      async close() {
        await stopSession(spark).catch(() => undefined)
        await cluster.stop()
      },
    }
  } catch (error) {
    await cluster.stop()
    throw error
  }
}

async function stopSession(spark: Sluice): Promise<void> {
  for (const query of spark.streams.active) await query.stop()
  await spark.stop()
}
