// Original file: sluice/v1/cluster.proto

import type { TaskDescriptor as _sluice_v1_TaskDescriptor, TaskDescriptor__Output as _sluice_v1_TaskDescriptor__Output } from '../../sluice/v1/TaskDescriptor.js';
import type { ErrorInfo as _sluice_v1_ErrorInfo, ErrorInfo__Output as _sluice_v1_ErrorInfo__Output } from '../../sluice/v1/ErrorInfo.js';

export interface TaskFailure {
  'descriptor'?: (_sluice_v1_TaskDescriptor | null);
  'error'?: (_sluice_v1_ErrorInfo | null);
}

export interface TaskFailure__Output {
  'descriptor': (_sluice_v1_TaskDescriptor__Output | null);
  'error': (_sluice_v1_ErrorInfo__Output | null);
}
