// Original file: sluice/v1/client.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AddMemoryStreamDataRequest as _sluice_v1_AddMemoryStreamDataRequest, AddMemoryStreamDataRequest__Output as _sluice_v1_AddMemoryStreamDataRequest__Output } from '../../sluice/v1/AddMemoryStreamDataRequest.js';
import type { AddMemoryStreamDataResponse as _sluice_v1_AddMemoryStreamDataResponse, AddMemoryStreamDataResponse__Output as _sluice_v1_AddMemoryStreamDataResponse__Output } from '../../sluice/v1/AddMemoryStreamDataResponse.js';
import type { AnalyzePlanRequest as _sluice_v1_AnalyzePlanRequest, AnalyzePlanRequest__Output as _sluice_v1_AnalyzePlanRequest__Output } from '../../sluice/v1/AnalyzePlanRequest.js';
import type { AnalyzePlanResponse as _sluice_v1_AnalyzePlanResponse, AnalyzePlanResponse__Output as _sluice_v1_AnalyzePlanResponse__Output } from '../../sluice/v1/AnalyzePlanResponse.js';
import type { AwaitTerminationRequest as _sluice_v1_AwaitTerminationRequest, AwaitTerminationRequest__Output as _sluice_v1_AwaitTerminationRequest__Output } from '../../sluice/v1/AwaitTerminationRequest.js';
import type { AwaitTerminationResponse as _sluice_v1_AwaitTerminationResponse, AwaitTerminationResponse__Output as _sluice_v1_AwaitTerminationResponse__Output } from '../../sluice/v1/AwaitTerminationResponse.js';
import type { CloseSessionRequest as _sluice_v1_CloseSessionRequest, CloseSessionRequest__Output as _sluice_v1_CloseSessionRequest__Output } from '../../sluice/v1/CloseSessionRequest.js';
import type { CloseSessionResponse as _sluice_v1_CloseSessionResponse, CloseSessionResponse__Output as _sluice_v1_CloseSessionResponse__Output } from '../../sluice/v1/CloseSessionResponse.js';
import type { ConfigRequest as _sluice_v1_ConfigRequest, ConfigRequest__Output as _sluice_v1_ConfigRequest__Output } from '../../sluice/v1/ConfigRequest.js';
import type { ConfigResponse as _sluice_v1_ConfigResponse, ConfigResponse__Output as _sluice_v1_ConfigResponse__Output } from '../../sluice/v1/ConfigResponse.js';
import type { CreateSessionRequest as _sluice_v1_CreateSessionRequest, CreateSessionRequest__Output as _sluice_v1_CreateSessionRequest__Output } from '../../sluice/v1/CreateSessionRequest.js';
import type { CreateSessionResponse as _sluice_v1_CreateSessionResponse, CreateSessionResponse__Output as _sluice_v1_CreateSessionResponse__Output } from '../../sluice/v1/CreateSessionResponse.js';
import type { ExecutePlanRequest as _sluice_v1_ExecutePlanRequest, ExecutePlanRequest__Output as _sluice_v1_ExecutePlanRequest__Output } from '../../sluice/v1/ExecutePlanRequest.js';
import type { ExecuteSqlRequest as _sluice_v1_ExecuteSqlRequest, ExecuteSqlRequest__Output as _sluice_v1_ExecuteSqlRequest__Output } from '../../sluice/v1/ExecuteSqlRequest.js';
import type { GetQueryRequest as _sluice_v1_GetQueryRequest, GetQueryRequest__Output as _sluice_v1_GetQueryRequest__Output } from '../../sluice/v1/GetQueryRequest.js';
import type { ListQueriesRequest as _sluice_v1_ListQueriesRequest, ListQueriesRequest__Output as _sluice_v1_ListQueriesRequest__Output } from '../../sluice/v1/ListQueriesRequest.js';
import type { ListQueriesResponse as _sluice_v1_ListQueriesResponse, ListQueriesResponse__Output as _sluice_v1_ListQueriesResponse__Output } from '../../sluice/v1/ListQueriesResponse.js';
import type { ListTablesRequest as _sluice_v1_ListTablesRequest, ListTablesRequest__Output as _sluice_v1_ListTablesRequest__Output } from '../../sluice/v1/ListTablesRequest.js';
import type { ListTablesResponse as _sluice_v1_ListTablesResponse, ListTablesResponse__Output as _sluice_v1_ListTablesResponse__Output } from '../../sluice/v1/ListTablesResponse.js';
import type { ManageViewRequest as _sluice_v1_ManageViewRequest, ManageViewRequest__Output as _sluice_v1_ManageViewRequest__Output } from '../../sluice/v1/ManageViewRequest.js';
import type { ManageViewResponse as _sluice_v1_ManageViewResponse, ManageViewResponse__Output as _sluice_v1_ManageViewResponse__Output } from '../../sluice/v1/ManageViewResponse.js';
import type { ProcessAllAvailableRequest as _sluice_v1_ProcessAllAvailableRequest, ProcessAllAvailableRequest__Output as _sluice_v1_ProcessAllAvailableRequest__Output } from '../../sluice/v1/ProcessAllAvailableRequest.js';
import type { QueryEvent as _sluice_v1_QueryEvent, QueryEvent__Output as _sluice_v1_QueryEvent__Output } from '../../sluice/v1/QueryEvent.js';
import type { QueryInfo as _sluice_v1_QueryInfo, QueryInfo__Output as _sluice_v1_QueryInfo__Output } from '../../sluice/v1/QueryInfo.js';
import type { RowBatch as _sluice_v1_RowBatch, RowBatch__Output as _sluice_v1_RowBatch__Output } from '../../sluice/v1/RowBatch.js';
import type { SinkCallbackAck as _sluice_v1_SinkCallbackAck, SinkCallbackAck__Output as _sluice_v1_SinkCallbackAck__Output } from '../../sluice/v1/SinkCallbackAck.js';
import type { SinkCallbackBatch as _sluice_v1_SinkCallbackBatch, SinkCallbackBatch__Output as _sluice_v1_SinkCallbackBatch__Output } from '../../sluice/v1/SinkCallbackBatch.js';
import type { StartQueryRequest as _sluice_v1_StartQueryRequest, StartQueryRequest__Output as _sluice_v1_StartQueryRequest__Output } from '../../sluice/v1/StartQueryRequest.js';
import type { StopQueryRequest as _sluice_v1_StopQueryRequest, StopQueryRequest__Output as _sluice_v1_StopQueryRequest__Output } from '../../sluice/v1/StopQueryRequest.js';
import type { WatchEventsRequest as _sluice_v1_WatchEventsRequest, WatchEventsRequest__Output as _sluice_v1_WatchEventsRequest__Output } from '../../sluice/v1/WatchEventsRequest.js';
import type { WritePlanRequest as _sluice_v1_WritePlanRequest, WritePlanRequest__Output as _sluice_v1_WritePlanRequest__Output } from '../../sluice/v1/WritePlanRequest.js';
import type { WritePlanResponse as _sluice_v1_WritePlanResponse, WritePlanResponse__Output as _sluice_v1_WritePlanResponse__Output } from '../../sluice/v1/WritePlanResponse.js';

export interface SluiceServiceClient extends grpc.Client {
  AddMemoryStreamData(argument: _sluice_v1_AddMemoryStreamDataRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_AddMemoryStreamDataResponse__Output>): grpc.ClientUnaryCall;
  AddMemoryStreamData(argument: _sluice_v1_AddMemoryStreamDataRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_AddMemoryStreamDataResponse__Output>): grpc.ClientUnaryCall;
  AddMemoryStreamData(argument: _sluice_v1_AddMemoryStreamDataRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_AddMemoryStreamDataResponse__Output>): grpc.ClientUnaryCall;
  AddMemoryStreamData(argument: _sluice_v1_AddMemoryStreamDataRequest, callback: grpc.requestCallback<_sluice_v1_AddMemoryStreamDataResponse__Output>): grpc.ClientUnaryCall;
  addMemoryStreamData(argument: _sluice_v1_AddMemoryStreamDataRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_AddMemoryStreamDataResponse__Output>): grpc.ClientUnaryCall;
  addMemoryStreamData(argument: _sluice_v1_AddMemoryStreamDataRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_AddMemoryStreamDataResponse__Output>): grpc.ClientUnaryCall;
  addMemoryStreamData(argument: _sluice_v1_AddMemoryStreamDataRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_AddMemoryStreamDataResponse__Output>): grpc.ClientUnaryCall;
  addMemoryStreamData(argument: _sluice_v1_AddMemoryStreamDataRequest, callback: grpc.requestCallback<_sluice_v1_AddMemoryStreamDataResponse__Output>): grpc.ClientUnaryCall;
  
  AnalyzePlan(argument: _sluice_v1_AnalyzePlanRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_AnalyzePlanResponse__Output>): grpc.ClientUnaryCall;
  AnalyzePlan(argument: _sluice_v1_AnalyzePlanRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_AnalyzePlanResponse__Output>): grpc.ClientUnaryCall;
  AnalyzePlan(argument: _sluice_v1_AnalyzePlanRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_AnalyzePlanResponse__Output>): grpc.ClientUnaryCall;
  AnalyzePlan(argument: _sluice_v1_AnalyzePlanRequest, callback: grpc.requestCallback<_sluice_v1_AnalyzePlanResponse__Output>): grpc.ClientUnaryCall;
  analyzePlan(argument: _sluice_v1_AnalyzePlanRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_AnalyzePlanResponse__Output>): grpc.ClientUnaryCall;
  analyzePlan(argument: _sluice_v1_AnalyzePlanRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_AnalyzePlanResponse__Output>): grpc.ClientUnaryCall;
  analyzePlan(argument: _sluice_v1_AnalyzePlanRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_AnalyzePlanResponse__Output>): grpc.ClientUnaryCall;
  analyzePlan(argument: _sluice_v1_AnalyzePlanRequest, callback: grpc.requestCallback<_sluice_v1_AnalyzePlanResponse__Output>): grpc.ClientUnaryCall;
  
  AwaitTermination(argument: _sluice_v1_AwaitTerminationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_AwaitTerminationResponse__Output>): grpc.ClientUnaryCall;
  AwaitTermination(argument: _sluice_v1_AwaitTerminationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_AwaitTerminationResponse__Output>): grpc.ClientUnaryCall;
  AwaitTermination(argument: _sluice_v1_AwaitTerminationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_AwaitTerminationResponse__Output>): grpc.ClientUnaryCall;
  AwaitTermination(argument: _sluice_v1_AwaitTerminationRequest, callback: grpc.requestCallback<_sluice_v1_AwaitTerminationResponse__Output>): grpc.ClientUnaryCall;
  awaitTermination(argument: _sluice_v1_AwaitTerminationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_AwaitTerminationResponse__Output>): grpc.ClientUnaryCall;
  awaitTermination(argument: _sluice_v1_AwaitTerminationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_AwaitTerminationResponse__Output>): grpc.ClientUnaryCall;
  awaitTermination(argument: _sluice_v1_AwaitTerminationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_AwaitTerminationResponse__Output>): grpc.ClientUnaryCall;
  awaitTermination(argument: _sluice_v1_AwaitTerminationRequest, callback: grpc.requestCallback<_sluice_v1_AwaitTerminationResponse__Output>): grpc.ClientUnaryCall;
  
  CloseSession(argument: _sluice_v1_CloseSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_CloseSessionResponse__Output>): grpc.ClientUnaryCall;
  CloseSession(argument: _sluice_v1_CloseSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_CloseSessionResponse__Output>): grpc.ClientUnaryCall;
  CloseSession(argument: _sluice_v1_CloseSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_CloseSessionResponse__Output>): grpc.ClientUnaryCall;
  CloseSession(argument: _sluice_v1_CloseSessionRequest, callback: grpc.requestCallback<_sluice_v1_CloseSessionResponse__Output>): grpc.ClientUnaryCall;
  closeSession(argument: _sluice_v1_CloseSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_CloseSessionResponse__Output>): grpc.ClientUnaryCall;
  closeSession(argument: _sluice_v1_CloseSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_CloseSessionResponse__Output>): grpc.ClientUnaryCall;
  closeSession(argument: _sluice_v1_CloseSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_CloseSessionResponse__Output>): grpc.ClientUnaryCall;
  closeSession(argument: _sluice_v1_CloseSessionRequest, callback: grpc.requestCallback<_sluice_v1_CloseSessionResponse__Output>): grpc.ClientUnaryCall;
  
  Config(argument: _sluice_v1_ConfigRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ConfigResponse__Output>): grpc.ClientUnaryCall;
  Config(argument: _sluice_v1_ConfigRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_ConfigResponse__Output>): grpc.ClientUnaryCall;
  Config(argument: _sluice_v1_ConfigRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ConfigResponse__Output>): grpc.ClientUnaryCall;
  Config(argument: _sluice_v1_ConfigRequest, callback: grpc.requestCallback<_sluice_v1_ConfigResponse__Output>): grpc.ClientUnaryCall;
  config(argument: _sluice_v1_ConfigRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ConfigResponse__Output>): grpc.ClientUnaryCall;
  config(argument: _sluice_v1_ConfigRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_ConfigResponse__Output>): grpc.ClientUnaryCall;
  config(argument: _sluice_v1_ConfigRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ConfigResponse__Output>): grpc.ClientUnaryCall;
  config(argument: _sluice_v1_ConfigRequest, callback: grpc.requestCallback<_sluice_v1_ConfigResponse__Output>): grpc.ClientUnaryCall;
  
  CreateSession(argument: _sluice_v1_CreateSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_CreateSessionResponse__Output>): grpc.ClientUnaryCall;
  CreateSession(argument: _sluice_v1_CreateSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_CreateSessionResponse__Output>): grpc.ClientUnaryCall;
  CreateSession(argument: _sluice_v1_CreateSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_CreateSessionResponse__Output>): grpc.ClientUnaryCall;
  CreateSession(argument: _sluice_v1_CreateSessionRequest, callback: grpc.requestCallback<_sluice_v1_CreateSessionResponse__Output>): grpc.ClientUnaryCall;
  createSession(argument: _sluice_v1_CreateSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_CreateSessionResponse__Output>): grpc.ClientUnaryCall;
  createSession(argument: _sluice_v1_CreateSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_CreateSessionResponse__Output>): grpc.ClientUnaryCall;
  createSession(argument: _sluice_v1_CreateSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_CreateSessionResponse__Output>): grpc.ClientUnaryCall;
  createSession(argument: _sluice_v1_CreateSessionRequest, callback: grpc.requestCallback<_sluice_v1_CreateSessionResponse__Output>): grpc.ClientUnaryCall;
  
  ExecutePlan(argument: _sluice_v1_ExecutePlanRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_sluice_v1_RowBatch__Output>;
  ExecutePlan(argument: _sluice_v1_ExecutePlanRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_sluice_v1_RowBatch__Output>;
  executePlan(argument: _sluice_v1_ExecutePlanRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_sluice_v1_RowBatch__Output>;
  executePlan(argument: _sluice_v1_ExecutePlanRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_sluice_v1_RowBatch__Output>;
  
  ExecuteSql(argument: _sluice_v1_ExecuteSqlRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_sluice_v1_RowBatch__Output>;
  ExecuteSql(argument: _sluice_v1_ExecuteSqlRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_sluice_v1_RowBatch__Output>;
  executeSql(argument: _sluice_v1_ExecuteSqlRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_sluice_v1_RowBatch__Output>;
  executeSql(argument: _sluice_v1_ExecuteSqlRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_sluice_v1_RowBatch__Output>;
  
  GetQuery(argument: _sluice_v1_GetQueryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_QueryInfo__Output>): grpc.ClientUnaryCall;
  GetQuery(argument: _sluice_v1_GetQueryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_QueryInfo__Output>): grpc.ClientUnaryCall;
  GetQuery(argument: _sluice_v1_GetQueryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_QueryInfo__Output>): grpc.ClientUnaryCall;
  GetQuery(argument: _sluice_v1_GetQueryRequest, callback: grpc.requestCallback<_sluice_v1_QueryInfo__Output>): grpc.ClientUnaryCall;
  getQuery(argument: _sluice_v1_GetQueryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_QueryInfo__Output>): grpc.ClientUnaryCall;
  getQuery(argument: _sluice_v1_GetQueryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_QueryInfo__Output>): grpc.ClientUnaryCall;
  getQuery(argument: _sluice_v1_GetQueryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_QueryInfo__Output>): grpc.ClientUnaryCall;
  getQuery(argument: _sluice_v1_GetQueryRequest, callback: grpc.requestCallback<_sluice_v1_QueryInfo__Output>): grpc.ClientUnaryCall;
  
  ListQueries(argument: _sluice_v1_ListQueriesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListQueriesResponse__Output>): grpc.ClientUnaryCall;
  ListQueries(argument: _sluice_v1_ListQueriesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_ListQueriesResponse__Output>): grpc.ClientUnaryCall;
  ListQueries(argument: _sluice_v1_ListQueriesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListQueriesResponse__Output>): grpc.ClientUnaryCall;
  ListQueries(argument: _sluice_v1_ListQueriesRequest, callback: grpc.requestCallback<_sluice_v1_ListQueriesResponse__Output>): grpc.ClientUnaryCall;
  listQueries(argument: _sluice_v1_ListQueriesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListQueriesResponse__Output>): grpc.ClientUnaryCall;
  listQueries(argument: _sluice_v1_ListQueriesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_ListQueriesResponse__Output>): grpc.ClientUnaryCall;
  listQueries(argument: _sluice_v1_ListQueriesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListQueriesResponse__Output>): grpc.ClientUnaryCall;
  listQueries(argument: _sluice_v1_ListQueriesRequest, callback: grpc.requestCallback<_sluice_v1_ListQueriesResponse__Output>): grpc.ClientUnaryCall;
  
  ListTables(argument: _sluice_v1_ListTablesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListTablesResponse__Output>): grpc.ClientUnaryCall;
  ListTables(argument: _sluice_v1_ListTablesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_ListTablesResponse__Output>): grpc.ClientUnaryCall;
  ListTables(argument: _sluice_v1_ListTablesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListTablesResponse__Output>): grpc.ClientUnaryCall;
  ListTables(argument: _sluice_v1_ListTablesRequest, callback: grpc.requestCallback<_sluice_v1_ListTablesResponse__Output>): grpc.ClientUnaryCall;
  listTables(argument: _sluice_v1_ListTablesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListTablesResponse__Output>): grpc.ClientUnaryCall;
  listTables(argument: _sluice_v1_ListTablesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_ListTablesResponse__Output>): grpc.ClientUnaryCall;
  listTables(argument: _sluice_v1_ListTablesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListTablesResponse__Output>): grpc.ClientUnaryCall;
  listTables(argument: _sluice_v1_ListTablesRequest, callback: grpc.requestCallback<_sluice_v1_ListTablesResponse__Output>): grpc.ClientUnaryCall;
  
  ManageView(argument: _sluice_v1_ManageViewRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ManageViewResponse__Output>): grpc.ClientUnaryCall;
  ManageView(argument: _sluice_v1_ManageViewRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_ManageViewResponse__Output>): grpc.ClientUnaryCall;
  ManageView(argument: _sluice_v1_ManageViewRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ManageViewResponse__Output>): grpc.ClientUnaryCall;
  ManageView(argument: _sluice_v1_ManageViewRequest, callback: grpc.requestCallback<_sluice_v1_ManageViewResponse__Output>): grpc.ClientUnaryCall;
  manageView(argument: _sluice_v1_ManageViewRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ManageViewResponse__Output>): grpc.ClientUnaryCall;
  manageView(argument: _sluice_v1_ManageViewRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_ManageViewResponse__Output>): grpc.ClientUnaryCall;
  manageView(argument: _sluice_v1_ManageViewRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ManageViewResponse__Output>): grpc.ClientUnaryCall;
  manageView(argument: _sluice_v1_ManageViewRequest, callback: grpc.requestCallback<_sluice_v1_ManageViewResponse__Output>): grpc.ClientUnaryCall;
  
  ProcessAllAvailable(argument: _sluice_v1_ProcessAllAvailableRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_QueryInfo__Output>): grpc.ClientUnaryCall;
  ProcessAllAvailable(argument: _sluice_v1_ProcessAllAvailableRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_QueryInfo__Output>): grpc.ClientUnaryCall;
  ProcessAllAvailable(argument: _sluice_v1_ProcessAllAvailableRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_QueryInfo__Output>): grpc.ClientUnaryCall;
  ProcessAllAvailable(argument: _sluice_v1_ProcessAllAvailableRequest, callback: grpc.requestCallback<_sluice_v1_QueryInfo__Output>): grpc.ClientUnaryCall;
  processAllAvailable(argument: _sluice_v1_ProcessAllAvailableRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_QueryInfo__Output>): grpc.ClientUnaryCall;
  processAllAvailable(argument: _sluice_v1_ProcessAllAvailableRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_QueryInfo__Output>): grpc.ClientUnaryCall;
  processAllAvailable(argument: _sluice_v1_ProcessAllAvailableRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_QueryInfo__Output>): grpc.ClientUnaryCall;
  processAllAvailable(argument: _sluice_v1_ProcessAllAvailableRequest, callback: grpc.requestCallback<_sluice_v1_QueryInfo__Output>): grpc.ClientUnaryCall;
  
  SinkCallbacks(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_sluice_v1_SinkCallbackAck, _sluice_v1_SinkCallbackBatch__Output>;
  SinkCallbacks(options?: grpc.CallOptions): grpc.ClientDuplexStream<_sluice_v1_SinkCallbackAck, _sluice_v1_SinkCallbackBatch__Output>;
  sinkCallbacks(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_sluice_v1_SinkCallbackAck, _sluice_v1_SinkCallbackBatch__Output>;
  sinkCallbacks(options?: grpc.CallOptions): grpc.ClientDuplexStream<_sluice_v1_SinkCallbackAck, _sluice_v1_SinkCallbackBatch__Output>;
  
  StartQuery(argument: _sluice_v1_StartQueryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_QueryInfo__Output>): grpc.ClientUnaryCall;
  StartQuery(argument: _sluice_v1_StartQueryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_QueryInfo__Output>): grpc.ClientUnaryCall;
  StartQuery(argument: _sluice_v1_StartQueryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_QueryInfo__Output>): grpc.ClientUnaryCall;
  StartQuery(argument: _sluice_v1_StartQueryRequest, callback: grpc.requestCallback<_sluice_v1_QueryInfo__Output>): grpc.ClientUnaryCall;
  startQuery(argument: _sluice_v1_StartQueryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_QueryInfo__Output>): grpc.ClientUnaryCall;
  startQuery(argument: _sluice_v1_StartQueryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_QueryInfo__Output>): grpc.ClientUnaryCall;
  startQuery(argument: _sluice_v1_StartQueryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_QueryInfo__Output>): grpc.ClientUnaryCall;
  startQuery(argument: _sluice_v1_StartQueryRequest, callback: grpc.requestCallback<_sluice_v1_QueryInfo__Output>): grpc.ClientUnaryCall;
  
  StopQuery(argument: _sluice_v1_StopQueryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_QueryInfo__Output>): grpc.ClientUnaryCall;
  StopQuery(argument: _sluice_v1_StopQueryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_QueryInfo__Output>): grpc.ClientUnaryCall;
  StopQuery(argument: _sluice_v1_StopQueryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_QueryInfo__Output>): grpc.ClientUnaryCall;
  StopQuery(argument: _sluice_v1_StopQueryRequest, callback: grpc.requestCallback<_sluice_v1_QueryInfo__Output>): grpc.ClientUnaryCall;
  stopQuery(argument: _sluice_v1_StopQueryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_QueryInfo__Output>): grpc.ClientUnaryCall;
  stopQuery(argument: _sluice_v1_StopQueryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_QueryInfo__Output>): grpc.ClientUnaryCall;
  stopQuery(argument: _sluice_v1_StopQueryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_QueryInfo__Output>): grpc.ClientUnaryCall;
  stopQuery(argument: _sluice_v1_StopQueryRequest, callback: grpc.requestCallback<_sluice_v1_QueryInfo__Output>): grpc.ClientUnaryCall;
  
  WatchEvents(argument: _sluice_v1_WatchEventsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_sluice_v1_QueryEvent__Output>;
  WatchEvents(argument: _sluice_v1_WatchEventsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_sluice_v1_QueryEvent__Output>;
  watchEvents(argument: _sluice_v1_WatchEventsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_sluice_v1_QueryEvent__Output>;
  watchEvents(argument: _sluice_v1_WatchEventsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_sluice_v1_QueryEvent__Output>;
  
  WritePlan(argument: _sluice_v1_WritePlanRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_WritePlanResponse__Output>): grpc.ClientUnaryCall;
  WritePlan(argument: _sluice_v1_WritePlanRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_WritePlanResponse__Output>): grpc.ClientUnaryCall;
  WritePlan(argument: _sluice_v1_WritePlanRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_WritePlanResponse__Output>): grpc.ClientUnaryCall;
  WritePlan(argument: _sluice_v1_WritePlanRequest, callback: grpc.requestCallback<_sluice_v1_WritePlanResponse__Output>): grpc.ClientUnaryCall;
  writePlan(argument: _sluice_v1_WritePlanRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_WritePlanResponse__Output>): grpc.ClientUnaryCall;
  writePlan(argument: _sluice_v1_WritePlanRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_WritePlanResponse__Output>): grpc.ClientUnaryCall;
  writePlan(argument: _sluice_v1_WritePlanRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_WritePlanResponse__Output>): grpc.ClientUnaryCall;
  writePlan(argument: _sluice_v1_WritePlanRequest, callback: grpc.requestCallback<_sluice_v1_WritePlanResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface SluiceServiceHandlers extends grpc.UntypedServiceImplementation {
  AddMemoryStreamData: grpc.handleUnaryCall<_sluice_v1_AddMemoryStreamDataRequest__Output, _sluice_v1_AddMemoryStreamDataResponse>;
  
  AnalyzePlan: grpc.handleUnaryCall<_sluice_v1_AnalyzePlanRequest__Output, _sluice_v1_AnalyzePlanResponse>;
  
  AwaitTermination: grpc.handleUnaryCall<_sluice_v1_AwaitTerminationRequest__Output, _sluice_v1_AwaitTerminationResponse>;
  
  CloseSession: grpc.handleUnaryCall<_sluice_v1_CloseSessionRequest__Output, _sluice_v1_CloseSessionResponse>;
  
  Config: grpc.handleUnaryCall<_sluice_v1_ConfigRequest__Output, _sluice_v1_ConfigResponse>;
  
  CreateSession: grpc.handleUnaryCall<_sluice_v1_CreateSessionRequest__Output, _sluice_v1_CreateSessionResponse>;
  
  ExecutePlan: grpc.handleServerStreamingCall<_sluice_v1_ExecutePlanRequest__Output, _sluice_v1_RowBatch>;
  
  ExecuteSql: grpc.handleServerStreamingCall<_sluice_v1_ExecuteSqlRequest__Output, _sluice_v1_RowBatch>;
  
  GetQuery: grpc.handleUnaryCall<_sluice_v1_GetQueryRequest__Output, _sluice_v1_QueryInfo>;
  
  ListQueries: grpc.handleUnaryCall<_sluice_v1_ListQueriesRequest__Output, _sluice_v1_ListQueriesResponse>;
  
  ListTables: grpc.handleUnaryCall<_sluice_v1_ListTablesRequest__Output, _sluice_v1_ListTablesResponse>;
  
  ManageView: grpc.handleUnaryCall<_sluice_v1_ManageViewRequest__Output, _sluice_v1_ManageViewResponse>;
  
  ProcessAllAvailable: grpc.handleUnaryCall<_sluice_v1_ProcessAllAvailableRequest__Output, _sluice_v1_QueryInfo>;
  
  SinkCallbacks: grpc.handleBidiStreamingCall<_sluice_v1_SinkCallbackAck__Output, _sluice_v1_SinkCallbackBatch>;
  
  StartQuery: grpc.handleUnaryCall<_sluice_v1_StartQueryRequest__Output, _sluice_v1_QueryInfo>;
  
  StopQuery: grpc.handleUnaryCall<_sluice_v1_StopQueryRequest__Output, _sluice_v1_QueryInfo>;
  
  WatchEvents: grpc.handleServerStreamingCall<_sluice_v1_WatchEventsRequest__Output, _sluice_v1_QueryEvent>;
  
  WritePlan: grpc.handleUnaryCall<_sluice_v1_WritePlanRequest__Output, _sluice_v1_WritePlanResponse>;
  
}

export interface SluiceServiceDefinition extends grpc.ServiceDefinition {
  AddMemoryStreamData: MethodDefinition<_sluice_v1_AddMemoryStreamDataRequest, _sluice_v1_AddMemoryStreamDataResponse, _sluice_v1_AddMemoryStreamDataRequest__Output, _sluice_v1_AddMemoryStreamDataResponse__Output>
  AnalyzePlan: MethodDefinition<_sluice_v1_AnalyzePlanRequest, _sluice_v1_AnalyzePlanResponse, _sluice_v1_AnalyzePlanRequest__Output, _sluice_v1_AnalyzePlanResponse__Output>
  AwaitTermination: MethodDefinition<_sluice_v1_AwaitTerminationRequest, _sluice_v1_AwaitTerminationResponse, _sluice_v1_AwaitTerminationRequest__Output, _sluice_v1_AwaitTerminationResponse__Output>
  CloseSession: MethodDefinition<_sluice_v1_CloseSessionRequest, _sluice_v1_CloseSessionResponse, _sluice_v1_CloseSessionRequest__Output, _sluice_v1_CloseSessionResponse__Output>
  Config: MethodDefinition<_sluice_v1_ConfigRequest, _sluice_v1_ConfigResponse, _sluice_v1_ConfigRequest__Output, _sluice_v1_ConfigResponse__Output>
  CreateSession: MethodDefinition<_sluice_v1_CreateSessionRequest, _sluice_v1_CreateSessionResponse, _sluice_v1_CreateSessionRequest__Output, _sluice_v1_CreateSessionResponse__Output>
  ExecutePlan: MethodDefinition<_sluice_v1_ExecutePlanRequest, _sluice_v1_RowBatch, _sluice_v1_ExecutePlanRequest__Output, _sluice_v1_RowBatch__Output>
  ExecuteSql: MethodDefinition<_sluice_v1_ExecuteSqlRequest, _sluice_v1_RowBatch, _sluice_v1_ExecuteSqlRequest__Output, _sluice_v1_RowBatch__Output>
  GetQuery: MethodDefinition<_sluice_v1_GetQueryRequest, _sluice_v1_QueryInfo, _sluice_v1_GetQueryRequest__Output, _sluice_v1_QueryInfo__Output>
  ListQueries: MethodDefinition<_sluice_v1_ListQueriesRequest, _sluice_v1_ListQueriesResponse, _sluice_v1_ListQueriesRequest__Output, _sluice_v1_ListQueriesResponse__Output>
  ListTables: MethodDefinition<_sluice_v1_ListTablesRequest, _sluice_v1_ListTablesResponse, _sluice_v1_ListTablesRequest__Output, _sluice_v1_ListTablesResponse__Output>
  ManageView: MethodDefinition<_sluice_v1_ManageViewRequest, _sluice_v1_ManageViewResponse, _sluice_v1_ManageViewRequest__Output, _sluice_v1_ManageViewResponse__Output>
  ProcessAllAvailable: MethodDefinition<_sluice_v1_ProcessAllAvailableRequest, _sluice_v1_QueryInfo, _sluice_v1_ProcessAllAvailableRequest__Output, _sluice_v1_QueryInfo__Output>
  SinkCallbacks: MethodDefinition<_sluice_v1_SinkCallbackAck, _sluice_v1_SinkCallbackBatch, _sluice_v1_SinkCallbackAck__Output, _sluice_v1_SinkCallbackBatch__Output>
  StartQuery: MethodDefinition<_sluice_v1_StartQueryRequest, _sluice_v1_QueryInfo, _sluice_v1_StartQueryRequest__Output, _sluice_v1_QueryInfo__Output>
  StopQuery: MethodDefinition<_sluice_v1_StopQueryRequest, _sluice_v1_QueryInfo, _sluice_v1_StopQueryRequest__Output, _sluice_v1_QueryInfo__Output>
  WatchEvents: MethodDefinition<_sluice_v1_WatchEventsRequest, _sluice_v1_QueryEvent, _sluice_v1_WatchEventsRequest__Output, _sluice_v1_QueryEvent__Output>
  WritePlan: MethodDefinition<_sluice_v1_WritePlanRequest, _sluice_v1_WritePlanResponse, _sluice_v1_WritePlanRequest__Output, _sluice_v1_WritePlanResponse__Output>
}
