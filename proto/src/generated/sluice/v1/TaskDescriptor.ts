// Original file: sluice/v1/cluster.proto

import type { Long } from '@grpc/proto-loader';

export interface TaskDescriptor {
  'queryId'?: (string);
  'runId'?: (string);
  'batchId'?: (number | string | Long);
  'taskId'?: (number);
  'attempt'?: (number);
  'epoch'?: (number | string | Long);
}

export interface TaskDescriptor__Output {
  'queryId': (string);
  'runId': (string);
  'batchId': (string);
  'taskId': (number);
  'attempt': (number);
  'epoch': (string);
}
