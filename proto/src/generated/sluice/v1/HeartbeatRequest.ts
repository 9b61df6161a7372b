// Original file: sluice/v1/cluster.proto

import type { TaskDescriptor as _sluice_v1_TaskDescriptor, TaskDescriptor__Output as _sluice_v1_TaskDescriptor__Output } from '../../sluice/v1/TaskDescriptor.js';

export interface HeartbeatRequest {
  'executorId'?: (string);
  'running'?: (_sluice_v1_TaskDescriptor)[];
}

export interface HeartbeatRequest__Output {
  'executorId': (string);
  'running': (_sluice_v1_TaskDescriptor__Output)[];
}
