// Original file: sluice/v1/cluster.proto

import type { TaskDescriptor as _sluice_v1_TaskDescriptor, TaskDescriptor__Output as _sluice_v1_TaskDescriptor__Output } from '../../sluice/v1/TaskDescriptor.js';

export interface LaunchTaskRequest {
  'descriptor'?: (_sluice_v1_TaskDescriptor | null);
  'task'?: (Buffer | Uint8Array | string);
}

export interface LaunchTaskRequest__Output {
  'descriptor': (_sluice_v1_TaskDescriptor__Output | null);
  'task': (Buffer);
}
