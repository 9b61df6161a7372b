import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { CancelTaskRequest as _sluice_v1_CancelTaskRequest, CancelTaskRequest__Output as _sluice_v1_CancelTaskRequest__Output } from './sluice/v1/CancelTaskRequest.js';
import type { CancelTaskResponse as _sluice_v1_CancelTaskResponse, CancelTaskResponse__Output as _sluice_v1_CancelTaskResponse__Output } from './sluice/v1/CancelTaskResponse.js';
import type { ClusterServiceClient as _sluice_v1_ClusterServiceClient, ClusterServiceDefinition as _sluice_v1_ClusterServiceDefinition } from './sluice/v1/ClusterService.js';
import type { ErrorInfo as _sluice_v1_ErrorInfo, ErrorInfo__Output as _sluice_v1_ErrorInfo__Output } from './sluice/v1/ErrorInfo.js';
import type { ExecutorServiceClient as _sluice_v1_ExecutorServiceClient, ExecutorServiceDefinition as _sluice_v1_ExecutorServiceDefinition } from './sluice/v1/ExecutorService.js';
import type { HeartbeatRequest as _sluice_v1_HeartbeatRequest, HeartbeatRequest__Output as _sluice_v1_HeartbeatRequest__Output } from './sluice/v1/HeartbeatRequest.js';
import type { HeartbeatResponse as _sluice_v1_HeartbeatResponse, HeartbeatResponse__Output as _sluice_v1_HeartbeatResponse__Output } from './sluice/v1/HeartbeatResponse.js';
import type { LaunchTaskRequest as _sluice_v1_LaunchTaskRequest, LaunchTaskRequest__Output as _sluice_v1_LaunchTaskRequest__Output } from './sluice/v1/LaunchTaskRequest.js';
import type { LaunchTaskResponse as _sluice_v1_LaunchTaskResponse, LaunchTaskResponse__Output as _sluice_v1_LaunchTaskResponse__Output } from './sluice/v1/LaunchTaskResponse.js';
import type { RegisterExecutorRequest as _sluice_v1_RegisterExecutorRequest, RegisterExecutorRequest__Output as _sluice_v1_RegisterExecutorRequest__Output } from './sluice/v1/RegisterExecutorRequest.js';
import type { RegisterExecutorResponse as _sluice_v1_RegisterExecutorResponse, RegisterExecutorResponse__Output as _sluice_v1_RegisterExecutorResponse__Output } from './sluice/v1/RegisterExecutorResponse.js';
import type { TaskDescriptor as _sluice_v1_TaskDescriptor, TaskDescriptor__Output as _sluice_v1_TaskDescriptor__Output } from './sluice/v1/TaskDescriptor.js';
import type { TaskFailure as _sluice_v1_TaskFailure, TaskFailure__Output as _sluice_v1_TaskFailure__Output } from './sluice/v1/TaskFailure.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  sluice: {
    v1: {
      CancelTaskRequest: MessageTypeDefinition<_sluice_v1_CancelTaskRequest, _sluice_v1_CancelTaskRequest__Output>
      CancelTaskResponse: MessageTypeDefinition<_sluice_v1_CancelTaskResponse, _sluice_v1_CancelTaskResponse__Output>
      ClusterService: SubtypeConstructor<typeof grpc.Client, _sluice_v1_ClusterServiceClient> & { service: _sluice_v1_ClusterServiceDefinition }
      ErrorInfo: MessageTypeDefinition<_sluice_v1_ErrorInfo, _sluice_v1_ErrorInfo__Output>
      ExecutorService: SubtypeConstructor<typeof grpc.Client, _sluice_v1_ExecutorServiceClient> & { service: _sluice_v1_ExecutorServiceDefinition }
      HeartbeatRequest: MessageTypeDefinition<_sluice_v1_HeartbeatRequest, _sluice_v1_HeartbeatRequest__Output>
      HeartbeatResponse: MessageTypeDefinition<_sluice_v1_HeartbeatResponse, _sluice_v1_HeartbeatResponse__Output>
      LaunchTaskRequest: MessageTypeDefinition<_sluice_v1_LaunchTaskRequest, _sluice_v1_LaunchTaskRequest__Output>
      LaunchTaskResponse: MessageTypeDefinition<_sluice_v1_LaunchTaskResponse, _sluice_v1_LaunchTaskResponse__Output>
      RegisterExecutorRequest: MessageTypeDefinition<_sluice_v1_RegisterExecutorRequest, _sluice_v1_RegisterExecutorRequest__Output>
      RegisterExecutorResponse: MessageTypeDefinition<_sluice_v1_RegisterExecutorResponse, _sluice_v1_RegisterExecutorResponse__Output>
      TaskDescriptor: MessageTypeDefinition<_sluice_v1_TaskDescriptor, _sluice_v1_TaskDescriptor__Output>
      TaskFailure: MessageTypeDefinition<_sluice_v1_TaskFailure, _sluice_v1_TaskFailure__Output>
    }
  }
}

