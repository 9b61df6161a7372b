// Original file: sluice/v1/client.proto

import type { Long } from '@grpc/proto-loader';

export interface AwaitTerminationRequest {
  'queryId'?: (string);
  'timeoutMs'?: (number | string | Long);
  'sessionId'?: (string);
}

export interface AwaitTerminationRequest__Output {
  'queryId': (string);
  'timeoutMs': (string);
  'sessionId': (string);
}
