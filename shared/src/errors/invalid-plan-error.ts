import { GrpcStatus } from './grpc-status.js'
import { SluiceError } from './sluice-error.js'

/**
 * Bytes that do not decode to a valid plan, task or value of the versioned plan
 * encoding (`codec/plan-json.ts`): a wrong version, malformed JSON, an unknown node
 * kind, a missing or mistyped field. `path` is the JSON path of the offending part
 * (`$.input.input.condition`).
 */
export class InvalidPlanError extends SluiceError {
  static readonly errorClass = 'INVALID_PLAN'

  constructor(readonly problem: string, readonly path: string, cause?: unknown) {
    super({
      errorClass: InvalidPlanError.errorClass,
      message: `Invalid plan: ${problem} at ${path}.`,
      params: { problem, path },
      domain: 'user',
      grpcStatus: GrpcStatus.INVALID_ARGUMENT,
      cause,
    })
  }
}
