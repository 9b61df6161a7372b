// Original file: sluice/v1/client.proto

import type { ErrorInfo as _sluice_v1_ErrorInfo, ErrorInfo__Output as _sluice_v1_ErrorInfo__Output } from '../../sluice/v1/ErrorInfo.js';
import type { Long } from '@grpc/proto-loader';

export interface SinkCallbackDone {
  'callbackId'?: (string);
  'batchId'?: (number | string | Long);
  'error'?: (_sluice_v1_ErrorInfo | null);
}

export interface SinkCallbackDone__Output {
  'callbackId': (string);
  'batchId': (string);
  'error': (_sluice_v1_ErrorInfo__Output | null);
}
