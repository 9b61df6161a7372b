// Original file: sluice/v1/client.proto

import type { Long } from '@grpc/proto-loader';

export interface WritePlanResponse {
  'numOutputRows'?: (number | string | Long);
}

export interface WritePlanResponse__Output {
  'numOutputRows': (string);
}
