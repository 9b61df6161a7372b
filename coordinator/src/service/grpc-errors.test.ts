import { describe, expect, it } from 'vitest'
import { status } from '@grpc/grpc-js'
import { AnalysisError, GrpcStatus, SluiceError, errorFromInfoJson } from '@sluice/shared'
import { ERROR_INFO_TRAILER, toServiceError } from './grpc-errors.js'

describe('toServiceError', () => {
  it('should answer a SluiceError with its status, message and error info trailer', () => {
    const error = new AnalysisError('UNRESOLVED_COLUMN', 'A column with name `zz` cannot be resolved — près.', { objectName: 'zz' })
    const answer = toServiceError(error)
    expect(answer.code).toBe(status.INVALID_ARGUMENT)
    expect(answer.details).toBe(error.message)
    const trailer = String(answer.metadata!.get(ERROR_INFO_TRAILER)[0])
    expect(trailer).toMatch(/^[\x20-\x7e]*$/)
    const rebuilt = errorFromInfoJson(trailer)!
    expect(rebuilt).toBeInstanceOf(AnalysisError)
    expect([rebuilt.errorClass, rebuilt.message, rebuilt.params]).toEqual([error.errorClass, error.message, error.params])
  })

  it('should keep each error\'s own status (not found, permission, unauthenticated...)', () => {
    for (const grpcStatus of [GrpcStatus.NOT_FOUND, GrpcStatus.PERMISSION_DENIED, GrpcStatus.UNAUTHENTICATED, GrpcStatus.UNAVAILABLE]) {
      const answer = toServiceError(new SluiceError({ errorClass: 'X', message: 'm', grpcStatus }))
      expect(answer.code).toBe(grpcStatus)
    }
  })

  it('should answer anything else as INTERNAL saying it is a bug in Sluice', () => {
    const answer = toServiceError(new TypeError('cannot read properties of undefined'))
    expect(answer.code).toBe(status.INTERNAL)
    expect(answer.details).toMatch(/^\[INTERNAL_ERROR\] Unexpected TypeError: cannot read properties of undefined \(this is a bug in Sluice\)$/)
    expect(errorFromInfoJson(String(answer.metadata!.get(ERROR_INFO_TRAILER)[0]))).toMatchObject({ errorClass: 'INTERNAL_ERROR', domain: 'internal' })
    expect(toServiceError('a string').details).toMatch(/Unexpected string: a string/)
  })
})
