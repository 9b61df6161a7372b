// Original file: /work/main/proto/src/sluice/v1/client.proto

import type { Long } from '@grpc/proto-loader';

export interface WritePlanResponse {
  'numOutputRows'?: (number | string | Long);
}

export interface WritePlanResponse__Output {
  'numOutputRows': (string);
}
