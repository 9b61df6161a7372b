// Original file: sluice/v1/cluster.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CancelTaskRequest as _sluice_v1_CancelTaskRequest, CancelTaskRequest__Output as _sluice_v1_CancelTaskRequest__Output } from '../../sluice/v1/CancelTaskRequest.js';
import type { CancelTaskResponse as _sluice_v1_CancelTaskResponse, CancelTaskResponse__Output as _sluice_v1_CancelTaskResponse__Output } from '../../sluice/v1/CancelTaskResponse.js';
import type { LaunchTaskRequest as _sluice_v1_LaunchTaskRequest, LaunchTaskRequest__Output as _sluice_v1_LaunchTaskRequest__Output } from '../../sluice/v1/LaunchTaskRequest.js';
import type { LaunchTaskResponse as _sluice_v1_LaunchTaskResponse, LaunchTaskResponse__Output as _sluice_v1_LaunchTaskResponse__Output } from '../../sluice/v1/LaunchTaskResponse.js';

export interface ExecutorServiceClient extends grpc.Client {
  CancelTask(argument: _sluice_v1_CancelTaskRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_CancelTaskResponse__Output>): grpc.ClientUnaryCall;
  CancelTask(argument: _sluice_v1_CancelTaskRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_CancelTaskResponse__Output>): grpc.ClientUnaryCall;
  CancelTask(argument: _sluice_v1_CancelTaskRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_CancelTaskResponse__Output>): grpc.ClientUnaryCall;
  CancelTask(argument: _sluice_v1_CancelTaskRequest, callback: grpc.requestCallback<_sluice_v1_CancelTaskResponse__Output>): grpc.ClientUnaryCall;
  cancelTask(argument: _sluice_v1_CancelTaskRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_CancelTaskResponse__Output>): grpc.ClientUnaryCall;
  cancelTask(argument: _sluice_v1_CancelTaskRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_CancelTaskResponse__Output>): grpc.ClientUnaryCall;
  cancelTask(argument: _sluice_v1_CancelTaskRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_CancelTaskResponse__Output>): grpc.ClientUnaryCall;
  cancelTask(argument: _sluice_v1_CancelTaskRequest, callback: grpc.requestCallback<_sluice_v1_CancelTaskResponse__Output>): grpc.ClientUnaryCall;
  
  LaunchTask(argument: _sluice_v1_LaunchTaskRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_LaunchTaskResponse__Output>): grpc.ClientUnaryCall;
  LaunchTask(argument: _sluice_v1_LaunchTaskRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_LaunchTaskResponse__Output>): grpc.ClientUnaryCall;
  LaunchTask(argument: _sluice_v1_LaunchTaskRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_LaunchTaskResponse__Output>): grpc.ClientUnaryCall;
  LaunchTask(argument: _sluice_v1_LaunchTaskRequest, callback: grpc.requestCallback<_sluice_v1_LaunchTaskResponse__Output>): grpc.ClientUnaryCall;
  launchTask(argument: _sluice_v1_LaunchTaskRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_LaunchTaskResponse__Output>): grpc.ClientUnaryCall;
  launchTask(argument: _sluice_v1_LaunchTaskRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_LaunchTaskResponse__Output>): grpc.ClientUnaryCall;
  launchTask(argument: _sluice_v1_LaunchTaskRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_LaunchTaskResponse__Output>): grpc.ClientUnaryCall;
  launchTask(argument: _sluice_v1_LaunchTaskRequest, callback: grpc.requestCallback<_sluice_v1_LaunchTaskResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface ExecutorServiceHandlers extends grpc.UntypedServiceImplementation {
  CancelTask: grpc.handleUnaryCall<_sluice_v1_CancelTaskRequest__Output, _sluice_v1_CancelTaskResponse>;
  
  LaunchTask: grpc.handleUnaryCall<_sluice_v1_LaunchTaskRequest__Output, _sluice_v1_LaunchTaskResponse>;
  
}

export interface ExecutorServiceDefinition extends grpc.ServiceDefinition {
  CancelTask: MethodDefinition<_sluice_v1_CancelTaskRequest, _sluice_v1_CancelTaskResponse, _sluice_v1_CancelTaskRequest__Output, _sluice_v1_CancelTaskResponse__Output>
  LaunchTask: MethodDefinition<_sluice_v1_LaunchTaskRequest, _sluice_v1_LaunchTaskResponse, _sluice_v1_LaunchTaskRequest__Output, _sluice_v1_LaunchTaskResponse__Output>
}
