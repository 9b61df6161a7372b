import type { ChannelCredentials, ChannelOptions } from '@grpc/grpc-js'
import type { Clock } from '@sluice/shared'
import { ExecutorRegistry, type ExecutorInfo } from './executor-registry.js'
import { createClusterService, type ClusterServiceParts } from './cluster-service.js'
import { SlotTaskScheduler } from '../scheduler/slot-task-scheduler.js'
import { GrpcExecutorEndpoint } from '../scheduler/grpc-executor-endpoint.js'

export interface ClusterRuntimeOptions {
  /** The coordinator's epoch (larger at each start: `Date.now()` at start). */
  readonly epoch: number
  /** spark.executor.heartbeatInterval (ms), told to executors. */
  readonly heartbeatIntervalMs: number
  /** spark.network.timeout (ms): an executor silent for longer is lost and its tasks retried. */
  readonly executorTimeoutMs: number
  /** spark.task.maxFailures. */
  readonly maxTaskFailures: number
  /** Credentials of the channels to executors (insecure, TLS or mutual TLS). */
  readonly channelCredentials: ChannelCredentials
  /** The bearer token sent to executors, if they require one. */
  readonly token?: string
  /** Send and receive limit of the channels to executors. */
  readonly maxMessageBytes: number
  /** Extra channel options (e.g. `grpc.ssl_target_name_override`). */
  readonly channelOptions?: ChannelOptions
  readonly clock?: Clock
  /** See `ExecutorRegistryOptions.checkIntervalMs`. */
  readonly livenessCheckIntervalMs?: number
  /** The coordinator's log: a line per executor registered or removed, per task attempt lost and retried, per late result discarded. */
  readonly log?: (line: string) => void
}

export interface ClusterRuntime {
  readonly registry: ExecutorRegistry
  readonly scheduler: SlotTaskScheduler
  /** Add to the coordinator's gRPC server: `server.addService(clusterService.definition, clusterService.implementation)`. */
  readonly clusterService: ClusterServiceParts
  close(): Promise<void>
}

/**
 * The coordinator's side of the cluster: the executor registry behind the
 * ClusterService, and the task scheduler whose executors are the registered ones
 * (a gRPC ExecutorService client each). An executor registering adds its slots;
 * one removed (heartbeat timeout, a call that found it unreachable, registered
 * again) takes its running tasks with it: they fail as lost and are retried on the
 * others.
 */
export function createClusterRuntime(options: ClusterRuntimeOptions): ClusterRuntime {
  const registry = new ExecutorRegistry({
    epoch: options.epoch, heartbeatIntervalMs: options.heartbeatIntervalMs, executorTimeoutMs: options.executorTimeoutMs,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.livenessCheckIntervalMs !== undefined ? { checkIntervalMs: options.livenessCheckIntervalMs } : {}),
  })
  const scheduler = new SlotTaskScheduler({
    epoch: options.epoch, maxTaskFailures: options.maxTaskFailures,
    // A call that finds an executor unreachable removes it now rather than after spark.network.timeout.
    onExecutorLost: (executorId, error) => { registry.remove(executorId, `unreachable: ${error.reason}`) },
    ...(options.log ? { log: options.log } : {}),
  })
  const log = options.log ?? (() => undefined)
  const onAdded = (info: ExecutorInfo) => {
    if (scheduler.closed) return
    log(`executor ${info.executorId} registered from ${info.address} (pid ${info.pid}) with ${info.slots} slot(s)`)
    scheduler.addEndpoint(new GrpcExecutorEndpoint({
      id: info.executorId, address: info.address, slots: info.slots, credentials: options.channelCredentials,
      maxMessageBytes: options.maxMessageBytes,
      ...(options.token !== undefined ? { token: options.token } : {}),
      ...(options.channelOptions ? { channelOptions: options.channelOptions } : {}),
    }))
  }
  const onRemoved = (info: ExecutorInfo, reason: string) => {
    log(`executor ${info.executorId} removed: ${reason}`)
    scheduler.removeEndpoint(info.executorId, reason)
  }
  registry.on('executor-added', onAdded)
  registry.on('executor-removed', onRemoved)
  return {
    registry,
    scheduler,
    clusterService: createClusterService(registry),
    async close() {
      registry.off('executor-added', onAdded)
      registry.off('executor-removed', onRemoved)
      await scheduler.close()
      registry.close()
    },
  }
}
