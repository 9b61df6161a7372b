import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { ErrorInfo as _sluice_v1_ErrorInfo, ErrorInfo__Output as _sluice_v1_ErrorInfo__Output } from './sluice/v1/ErrorInfo.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  sluice: {
    v1: {
      ErrorInfo: MessageTypeDefinition<_sluice_v1_ErrorInfo, _sluice_v1_ErrorInfo__Output>
    }
  }
}

