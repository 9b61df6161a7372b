// Original file: sluice/v1/cluster.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { HeartbeatRequest as _sluice_v1_HeartbeatRequest, HeartbeatRequest__Output as _sluice_v1_HeartbeatRequest__Output } from '../../sluice/v1/HeartbeatRequest.js';
import type { HeartbeatResponse as _sluice_v1_HeartbeatResponse, HeartbeatResponse__Output as _sluice_v1_HeartbeatResponse__Output } from '../../sluice/v1/HeartbeatResponse.js';
import type { RegisterExecutorRequest as _sluice_v1_RegisterExecutorRequest, RegisterExecutorRequest__Output as _sluice_v1_RegisterExecutorRequest__Output } from '../../sluice/v1/RegisterExecutorRequest.js';
import type { RegisterExecutorResponse as _sluice_v1_RegisterExecutorResponse, RegisterExecutorResponse__Output as _sluice_v1_RegisterExecutorResponse__Output } from '../../sluice/v1/RegisterExecutorResponse.js';

export interface ClusterServiceClient extends grpc.Client {
  Heartbeat(argument: _sluice_v1_HeartbeatRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  Heartbeat(argument: _sluice_v1_HeartbeatRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  Heartbeat(argument: _sluice_v1_HeartbeatRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  Heartbeat(argument: _sluice_v1_HeartbeatRequest, callback: grpc.requestCallback<_sluice_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  heartbeat(argument: _sluice_v1_HeartbeatRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  heartbeat(argument: _sluice_v1_HeartbeatRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  heartbeat(argument: _sluice_v1_HeartbeatRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  heartbeat(argument: _sluice_v1_HeartbeatRequest, callback: grpc.requestCallback<_sluice_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  
  RegisterExecutor(argument: _sluice_v1_RegisterExecutorRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_RegisterExecutorResponse__Output>): grpc.ClientUnaryCall;
  RegisterExecutor(argument: _sluice_v1_RegisterExecutorRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_RegisterExecutorResponse__Output>): grpc.ClientUnaryCall;
  RegisterExecutor(argument: _sluice_v1_RegisterExecutorRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_RegisterExecutorResponse__Output>): grpc.ClientUnaryCall;
  RegisterExecutor(argument: _sluice_v1_RegisterExecutorRequest, callback: grpc.requestCallback<_sluice_v1_RegisterExecutorResponse__Output>): grpc.ClientUnaryCall;
  registerExecutor(argument: _sluice_v1_RegisterExecutorRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_RegisterExecutorResponse__Output>): grpc.ClientUnaryCall;
  registerExecutor(argument: _sluice_v1_RegisterExecutorRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_RegisterExecutorResponse__Output>): grpc.ClientUnaryCall;
  registerExecutor(argument: _sluice_v1_RegisterExecutorRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_RegisterExecutorResponse__Output>): grpc.ClientUnaryCall;
  registerExecutor(argument: _sluice_v1_RegisterExecutorRequest, callback: grpc.requestCallback<_sluice_v1_RegisterExecutorResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface ClusterServiceHandlers extends grpc.UntypedServiceImplementation {
  Heartbeat: grpc.handleUnaryCall<_sluice_v1_HeartbeatRequest__Output, _sluice_v1_HeartbeatResponse>;
  
  RegisterExecutor: grpc.handleUnaryCall<_sluice_v1_RegisterExecutorRequest__Output, _sluice_v1_RegisterExecutorResponse>;
  
}

export interface ClusterServiceDefinition extends grpc.ServiceDefinition {
  Heartbeat: MethodDefinition<_sluice_v1_HeartbeatRequest, _sluice_v1_HeartbeatResponse, _sluice_v1_HeartbeatRequest__Output, _sluice_v1_HeartbeatResponse__Output>
  RegisterExecutor: MethodDefinition<_sluice_v1_RegisterExecutorRequest, _sluice_v1_RegisterExecutorResponse, _sluice_v1_RegisterExecutorRequest__Output, _sluice_v1_RegisterExecutorResponse__Output>
}
