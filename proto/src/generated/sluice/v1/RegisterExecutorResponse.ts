// Original file: sluice/v1/cluster.proto

import type { Long } from '@grpc/proto-loader';

export interface RegisterExecutorResponse {
  'epoch'?: (number | string | Long);
  'heartbeatIntervalMs'?: (number | string | Long);
}

export interface RegisterExecutorResponse__Output {
  'epoch': (string);
  'heartbeatIntervalMs': (string);
}
