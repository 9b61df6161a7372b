// Original file: sluice/v1/client.proto

import type { Long } from '@grpc/proto-loader';

export interface SinkCallbackBatch {
  'callbackId'?: (string);
  'batchId'?: (number | string | Long);
  'schemaJson'?: (string);
  'avro'?: (Buffer | Uint8Array | string);
}

export interface SinkCallbackBatch__Output {
  'callbackId': (string);
  'batchId': (string);
  'schemaJson': (string);
  'avro': (Buffer);
}
