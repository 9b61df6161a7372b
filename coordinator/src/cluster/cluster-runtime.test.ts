import { describe, expect, it } from 'vitest'
import { credentials } from '@grpc/grpc-js'
import { createClusterRuntime } from './cluster-runtime.js'

// The runtime with real executors (registration, heartbeats, tasks over gRPC) is
// tested in test/src/scheduler/cluster-runtime.test.ts; here, what it logs.

describe('createClusterRuntime', () => {
  it('should log each executor registered and removed, and hand the scheduler its slots', async () => {
    const log: string[] = []
    const runtime = createClusterRuntime({
      epoch: 1, heartbeatIntervalMs: 100, executorTimeoutMs: 60_000, maxTaskFailures: 4,
      channelCredentials: credentials.createInsecure(), maxMessageBytes: 1024 * 1024, livenessCheckIntervalMs: 0,
      log: (line) => log.push(line),
    })
    try {
      runtime.registry.register({ executorId: 'e1', address: '127.0.0.1:1', slots: 2, pid: 7 })
      expect(runtime.scheduler.availableSlots()).toBe(2)
      runtime.registry.remove('e1', 'no heartbeat for 3001 ms (spark.network.timeout 3000 ms)')
      expect(runtime.scheduler.availableSlots()).toBe(0)
      expect(log).toEqual([
        'executor e1 registered from 127.0.0.1:1 (pid 7) with 2 slot(s)',
        'executor e1 removed: no heartbeat for 3001 ms (spark.network.timeout 3000 ms)',
      ])
    } finally {
      await runtime.close()
    }
  })
})
