import { Metadata, status, type ServiceError } from '@grpc/grpc-js'
import { loadSluiceProtos, type ClusterServiceDefinition, type ClusterServiceHandlers } from '@sluice/proto'
import type { ExecutorRegistry } from './executor-registry.js'

/** What a gRPC server adds for the ClusterService: `server.addService(definition, implementation)`. */
export interface ClusterServiceParts {
  readonly definition: ClusterServiceDefinition
  readonly implementation: ClusterServiceHandlers
}

/**
 * The ClusterService over an executor registry: `RegisterExecutor` → `{epoch,
 * heartbeatIntervalMs}`, `Heartbeat` → `{registered, epoch}` (64-bit values as
 * strings, as the loader gives them). A registration without an id, an address or
 * a positive slot count is INVALID_ARGUMENT. Authentication is the server's
 * (an interceptor in front of every service).
 */
export function createClusterService(registry: ExecutorRegistry): ClusterServiceParts {
  const implementation: ClusterServiceHandlers = {
    RegisterExecutor(call, callback) {
      const { executorId, address, slots, host, pid } = call.request
      const problem = !executorId ? 'executor_id is required'
        : !address ? 'address (host:port of the ExecutorService) is required'
          : !(Number.isInteger(slots) && slots > 0) ? `slots must be a positive integer, got ${slots}` : undefined
      if (problem !== undefined) return callback(invalidArgument(`RegisterExecutor: ${problem}`))
      try {
        const answer = registry.register({ executorId, address, slots, host, pid })
        callback(null, { epoch: String(answer.epoch), heartbeatIntervalMs: String(answer.heartbeatIntervalMs) })
      } catch (error) {
        callback(serviceError(status.UNAVAILABLE, error instanceof Error ? error.message : String(error)))
      }
    },
    Heartbeat(call, callback) {
      const answer = registry.heartbeat(call.request.executorId)
      callback(null, { registered: answer.registered, epoch: String(answer.epoch) })
    },
  }
  return { definition: loadSluiceProtos().ClusterService.service, implementation }
}

function invalidArgument(details: string): ServiceError {
  return serviceError(status.INVALID_ARGUMENT, details)
}

function serviceError(code: status, details: string): ServiceError {
  return Object.assign(new Error(details), { code, details, metadata: new Metadata() })
}
