import { describe, expect, it } from 'vitest'
import { Metadata, status, type ServiceError } from '@grpc/grpc-js'
import { AnalysisError, errorInfoJson } from '@sluice/shared'
import { ExecutorLostError } from './executor-lost-error.js'
import { isRetryable } from './task-set-manager.js'
import { taskErrorFromCall } from './task-error-from-call.js'

function callError(code: status, details: string, metadata = new Metadata()): ServiceError {
  return Object.assign(new Error(`${code} ${details}`), { code, details, metadata })
}

describe('taskErrorFromCall', () => {
  it('rebuilds the typed error of the sluice-error-info trailer', () => {
    const metadata = new Metadata()
    metadata.set('sluice-error-info', errorInfoJson(new AnalysisError('UNRESOLVED_COLUMN', 'no column `q`')))
    const error = taskErrorFromCall(callError(status.INVALID_ARGUMENT, 'no column', metadata), 'e1')
    expect(error).toBeInstanceOf(AnalysisError)
    expect(error.errorClass).toBe('UNRESOLVED_COLUMN')
  })

  it('takes UNAVAILABLE as a lost executor, retried elsewhere', () => {
    const error = taskErrorFromCall(callError(status.UNAVAILABLE, 'connect ECONNREFUSED'), 'e1')
    expect(error).toBeInstanceOf(ExecutorLostError)
    expect(isRetryable(error)).toBe(true)
  })

  it('fails a message over the limit at once, naming the limit (a retry would fail the same way)', () => {
    const error = taskErrorFromCall(callError(status.RESOURCE_EXHAUSTED, 'Received message larger than max (18874482 vs 4194304)'), 'e1')
    expect(error.errorClass).toBe('TASK_MESSAGE_TOO_LARGE')
    expect(error.message).toContain('18874482 vs 4194304')
    expect(error.message).toContain('--max-message-bytes')
    expect(isRetryable(error)).toBe(false)
  })
})
