import { describe, expect, it } from 'vitest'
import { GrpcStatus } from '../errors/grpc-status.js'
import { InvalidPlanError } from '../errors/invalid-plan-error.js'
import { AnalysisError, ExecutionError, InternalError, SluiceError } from '../errors/sluice-error.js'
import { errorFromInfo, errorFromInfoJson, errorInfoJson, errorInfoOf } from './error-info.js'

/** What a receiver sees: the info through JSON text, as in the `sluice-error-info` trailer. */
const acrossTheWire = (error: unknown) => errorFromInfo(JSON.parse(JSON.stringify(errorInfoOf(error))))

describe('errorInfoOf / errorFromInfo', () => {
  it('gives the fields of a SluiceError, the message without its [CLASS] prefix', () => {
    const error = new AnalysisError('UNRESOLVED_COLUMN.WITH_SUGGESTION', 'A column with name `x` cannot be resolved.', { objectName: '`x`' })
    expect(errorInfoOf(error)).toEqual({
      errorClass: 'UNRESOLVED_COLUMN.WITH_SUGGESTION', message: 'A column with name `x` cannot be resolved.',
      params: { objectName: '`x`' }, domain: 'user', retryable: false, grpcStatus: 3,
    })
  })

  it('rebuilds analysis, execution and plan errors as their classes, message and fields equal', () => {
    const errors = [
      new AnalysisError('UNRESOLVED_COLUMN', 'A column with name `x` cannot be resolved.', { objectName: '`x`' }),
      new ExecutionError('DIVIDE_BY_ZERO', 'Division by zero.', {}),
      new InvalidPlanError("unknown logical plan node kind 'Nope'", '$.input.kind'),
    ]
    for (const error of errors) {
      const back = acrossTheWire(error)
      expect(back).toBeInstanceOf(error.constructor)
      expect(back.name).toBe(error.name)
      expect(back.message).toBe(error.message)
      expect({ ...errorInfoOf(back) }).toEqual(errorInfoOf(error))
    }
  })

  it('keeps class, domain, retryability and status of any other SluiceError', () => {
    const error = new SluiceError({ errorClass: 'STALE_EPOCH', message: 'Task of epoch 1 refused: epoch 2 seen.', domain: 'external', retryable: true, grpcStatus: GrpcStatus.FAILED_PRECONDITION })
    const back = acrossTheWire(error)
    expect(SluiceError.isInstance(back)).toBe(true)
    expect([back.errorClass, back.message, back.domain, back.retryable, back.grpcStatus]).toEqual(['STALE_EPOCH', '[STALE_EPOCH] Task of epoch 1 refused: epoch 2 seen.', 'external', true, 9])
    const internal = acrossTheWire(new InternalError('no state store'))
    expect([internal.errorClass, internal.message, internal.domain, internal.grpcStatus]).toEqual(['INTERNAL_ERROR', '[INTERNAL_ERROR] no state store (this is a bug in Sluice)', 'internal', 13])
  })

  it('turns anything else into INTERNAL_ERROR with its message', () => {
    expect(errorInfoOf(new TypeError('x is not a function'))).toEqual({ errorClass: 'INTERNAL_ERROR', message: 'x is not a function', params: {}, domain: 'internal', retryable: false, grpcStatus: 13 })
    expect(errorInfoOf('boom').message).toBe('boom')
    const back = acrossTheWire(new RangeError('Invalid array length'))
    expect([back.errorClass, back.message, back.grpcStatus]).toEqual(['INTERNAL_ERROR', '[INTERNAL_ERROR] Invalid array length', 13])
  })

  it('takes partial or foreign infos (a prefixed message, missing or bad fields)', () => {
    const back = errorFromInfo({ errorClass: 'X', message: '[X] y', grpcStatus: 99 as never, domain: 'nobody' as never })
    expect([back.errorClass, back.message, back.domain, back.grpcStatus, back.retryable]).toEqual(['X', '[X] y', 'internal', 13, false])
    expect(errorFromInfo({}).errorClass).toBe('INTERNAL_ERROR')
    expect(errorFromInfoJson('not json')).toBeUndefined()
    expect(errorFromInfoJson(errorInfoJson(new AnalysisError('A', 'b')))).toBeInstanceOf(AnalysisError)
  })

  it('writes the trailer text in printable ASCII (grpc-js refuses other metadata text) that parses to the same message', () => {
    const error = new AnalysisError('UNRESOLVED_COLUMN', 'A column with name `prénom 🎉` cannot be resolved.')
    const text = errorInfoJson(error)
    expect(text).toMatch(/^[\x20-\x7e]+$/)
    expect(errorFromInfoJson(text)!.message).toBe(error.message)
  })
})
