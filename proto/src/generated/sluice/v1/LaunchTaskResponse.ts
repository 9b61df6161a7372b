// Original file: sluice/v1/cluster.proto

import type { Long } from '@grpc/proto-loader';

export interface LaunchTaskResponse {
  'result'?: (Buffer | Uint8Array | string);
  'durationMs'?: (number | string | Long);
  'executorId'?: (string);
}

export interface LaunchTaskResponse__Output {
  'result': (Buffer);
  'durationMs': (string);
  'executorId': (string);
}
