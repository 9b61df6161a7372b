import { GrpcStatus, SluiceError } from '@sluice/shared'

/** A request named a path outside the coordinator's `--allowed-path` roots. */
export class PathNotAllowedError extends SluiceError {
  constructor(readonly path: string, readonly role: string, reason = 'is outside the allowed roots (--allowed-path)') {
    super({
      errorClass: 'PATH_NOT_ALLOWED',
      message: `The ${role} ${JSON.stringify(path)} ${reason}; the coordinator refuses it.`,
      params: { path, role }, domain: 'user', grpcStatus: GrpcStatus.PERMISSION_DENIED,
    })
  }
}
