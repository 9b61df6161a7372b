import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { AddMemoryStreamDataRequest as _sluice_v1_AddMemoryStreamDataRequest, AddMemoryStreamDataRequest__Output as _sluice_v1_AddMemoryStreamDataRequest__Output } from './sluice/v1/AddMemoryStreamDataRequest.js';
import type { AddMemoryStreamDataResponse as _sluice_v1_AddMemoryStreamDataResponse, AddMemoryStreamDataResponse__Output as _sluice_v1_AddMemoryStreamDataResponse__Output } from './sluice/v1/AddMemoryStreamDataResponse.js';
import type { AnalyzePlanRequest as _sluice_v1_AnalyzePlanRequest, AnalyzePlanRequest__Output as _sluice_v1_AnalyzePlanRequest__Output } from './sluice/v1/AnalyzePlanRequest.js';
import type { AnalyzePlanResponse as _sluice_v1_AnalyzePlanResponse, AnalyzePlanResponse__Output as _sluice_v1_AnalyzePlanResponse__Output } from './sluice/v1/AnalyzePlanResponse.js';
import type { AwaitTerminationRequest as _sluice_v1_AwaitTerminationRequest, AwaitTerminationRequest__Output as _sluice_v1_AwaitTerminationRequest__Output } from './sluice/v1/AwaitTerminationRequest.js';
import type { AwaitTerminationResponse as _sluice_v1_AwaitTerminationResponse, AwaitTerminationResponse__Output as _sluice_v1_AwaitTerminationResponse__Output } from './sluice/v1/AwaitTerminationResponse.js';
import type { CloseSessionRequest as _sluice_v1_CloseSessionRequest, CloseSessionRequest__Output as _sluice_v1_CloseSessionRequest__Output } from './sluice/v1/CloseSessionRequest.js';
import type { CloseSessionResponse as _sluice_v1_CloseSessionResponse, CloseSessionResponse__Output as _sluice_v1_CloseSessionResponse__Output } from './sluice/v1/CloseSessionResponse.js';
import type { ConfigRequest as _sluice_v1_ConfigRequest, ConfigRequest__Output as _sluice_v1_ConfigRequest__Output } from './sluice/v1/ConfigRequest.js';
import type { ConfigResponse as _sluice_v1_ConfigResponse, ConfigResponse__Output as _sluice_v1_ConfigResponse__Output } from './sluice/v1/ConfigResponse.js';
import type { CreateSessionRequest as _sluice_v1_CreateSessionRequest, CreateSessionRequest__Output as _sluice_v1_CreateSessionRequest__Output } from './sluice/v1/CreateSessionRequest.js';
import type { CreateSessionResponse as _sluice_v1_CreateSessionResponse, CreateSessionResponse__Output as _sluice_v1_CreateSessionResponse__Output } from './sluice/v1/CreateSessionResponse.js';
import type { EncodedPlan as _sluice_v1_EncodedPlan, EncodedPlan__Output as _sluice_v1_EncodedPlan__Output } from './sluice/v1/EncodedPlan.js';
import type { ErrorInfo as _sluice_v1_ErrorInfo, ErrorInfo__Output as _sluice_v1_ErrorInfo__Output } from './sluice/v1/ErrorInfo.js';
import type { ExecutePlanRequest as _sluice_v1_ExecutePlanRequest, ExecutePlanRequest__Output as _sluice_v1_ExecutePlanRequest__Output } from './sluice/v1/ExecutePlanRequest.js';
import type { ExecuteSqlRequest as _sluice_v1_ExecuteSqlRequest, ExecuteSqlRequest__Output as _sluice_v1_ExecuteSqlRequest__Output } from './sluice/v1/ExecuteSqlRequest.js';
import type { GetQueryRequest as _sluice_v1_GetQueryRequest, GetQueryRequest__Output as _sluice_v1_GetQueryRequest__Output } from './sluice/v1/GetQueryRequest.js';
import type { ListQueriesRequest as _sluice_v1_ListQueriesRequest, ListQueriesRequest__Output as _sluice_v1_ListQueriesRequest__Output } from './sluice/v1/ListQueriesRequest.js';
import type { ListQueriesResponse as _sluice_v1_ListQueriesResponse, ListQueriesResponse__Output as _sluice_v1_ListQueriesResponse__Output } from './sluice/v1/ListQueriesResponse.js';
import type { ListTablesRequest as _sluice_v1_ListTablesRequest, ListTablesRequest__Output as _sluice_v1_ListTablesRequest__Output } from './sluice/v1/ListTablesRequest.js';
import type { ListTablesResponse as _sluice_v1_ListTablesResponse, ListTablesResponse__Output as _sluice_v1_ListTablesResponse__Output } from './sluice/v1/ListTablesResponse.js';
import type { ManageViewRequest as _sluice_v1_ManageViewRequest, ManageViewRequest__Output as _sluice_v1_ManageViewRequest__Output } from './sluice/v1/ManageViewRequest.js';
import type { ManageViewResponse as _sluice_v1_ManageViewResponse, ManageViewResponse__Output as _sluice_v1_ManageViewResponse__Output } from './sluice/v1/ManageViewResponse.js';
import type { MemoryStreamBlock as _sluice_v1_MemoryStreamBlock, MemoryStreamBlock__Output as _sluice_v1_MemoryStreamBlock__Output } from './sluice/v1/MemoryStreamBlock.js';
import type { PlanEnvelope as _sluice_v1_PlanEnvelope, PlanEnvelope__Output as _sluice_v1_PlanEnvelope__Output } from './sluice/v1/PlanEnvelope.js';
import type { ProcessAllAvailableRequest as _sluice_v1_ProcessAllAvailableRequest, ProcessAllAvailableRequest__Output as _sluice_v1_ProcessAllAvailableRequest__Output } from './sluice/v1/ProcessAllAvailableRequest.js';
import type { QueryEvent as _sluice_v1_QueryEvent, QueryEvent__Output as _sluice_v1_QueryEvent__Output } from './sluice/v1/QueryEvent.js';
import type { QueryInfo as _sluice_v1_QueryInfo, QueryInfo__Output as _sluice_v1_QueryInfo__Output } from './sluice/v1/QueryInfo.js';
import type { RowBatch as _sluice_v1_RowBatch, RowBatch__Output as _sluice_v1_RowBatch__Output } from './sluice/v1/RowBatch.js';
import type { SinkCallbackAck as _sluice_v1_SinkCallbackAck, SinkCallbackAck__Output as _sluice_v1_SinkCallbackAck__Output } from './sluice/v1/SinkCallbackAck.js';
import type { SinkCallbackBatch as _sluice_v1_SinkCallbackBatch, SinkCallbackBatch__Output as _sluice_v1_SinkCallbackBatch__Output } from './sluice/v1/SinkCallbackBatch.js';
import type { SinkCallbackDone as _sluice_v1_SinkCallbackDone, SinkCallbackDone__Output as _sluice_v1_SinkCallbackDone__Output } from './sluice/v1/SinkCallbackDone.js';
import type { SinkCallbackHello as _sluice_v1_SinkCallbackHello, SinkCallbackHello__Output as _sluice_v1_SinkCallbackHello__Output } from './sluice/v1/SinkCallbackHello.js';
import type { SinkSpec as _sluice_v1_SinkSpec, SinkSpec__Output as _sluice_v1_SinkSpec__Output } from './sluice/v1/SinkSpec.js';
import type { SluiceServiceClient as _sluice_v1_SluiceServiceClient, SluiceServiceDefinition as _sluice_v1_SluiceServiceDefinition } from './sluice/v1/SluiceService.js';
import type { SourceSpec as _sluice_v1_SourceSpec, SourceSpec__Output as _sluice_v1_SourceSpec__Output } from './sluice/v1/SourceSpec.js';
import type { StartQueryRequest as _sluice_v1_StartQueryRequest, StartQueryRequest__Output as _sluice_v1_StartQueryRequest__Output } from './sluice/v1/StartQueryRequest.js';
import type { StopQueryRequest as _sluice_v1_StopQueryRequest, StopQueryRequest__Output as _sluice_v1_StopQueryRequest__Output } from './sluice/v1/StopQueryRequest.js';
import type { TableInfo as _sluice_v1_TableInfo, TableInfo__Output as _sluice_v1_TableInfo__Output } from './sluice/v1/TableInfo.js';
import type { Trigger as _sluice_v1_Trigger, Trigger__Output as _sluice_v1_Trigger__Output } from './sluice/v1/Trigger.js';
import type { WatchEventsRequest as _sluice_v1_WatchEventsRequest, WatchEventsRequest__Output as _sluice_v1_WatchEventsRequest__Output } from './sluice/v1/WatchEventsRequest.js';
import type { WritePlanRequest as _sluice_v1_WritePlanRequest, WritePlanRequest__Output as _sluice_v1_WritePlanRequest__Output } from './sluice/v1/WritePlanRequest.js';
import type { WritePlanResponse as _sluice_v1_WritePlanResponse, WritePlanResponse__Output as _sluice_v1_WritePlanResponse__Output } from './sluice/v1/WritePlanResponse.js';
import type { WriteSpec as _sluice_v1_WriteSpec, WriteSpec__Output as _sluice_v1_WriteSpec__Output } from './sluice/v1/WriteSpec.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  sluice: {
    v1: {
      AddMemoryStreamDataRequest: MessageTypeDefinition<_sluice_v1_AddMemoryStreamDataRequest, _sluice_v1_AddMemoryStreamDataRequest__Output>
      AddMemoryStreamDataResponse: MessageTypeDefinition<_sluice_v1_AddMemoryStreamDataResponse, _sluice_v1_AddMemoryStreamDataResponse__Output>
      AnalyzePlanRequest: MessageTypeDefinition<_sluice_v1_AnalyzePlanRequest, _sluice_v1_AnalyzePlanRequest__Output>
      AnalyzePlanResponse: MessageTypeDefinition<_sluice_v1_AnalyzePlanResponse, _sluice_v1_AnalyzePlanResponse__Output>
      AwaitTerminationRequest: MessageTypeDefinition<_sluice_v1_AwaitTerminationRequest, _sluice_v1_AwaitTerminationRequest__Output>
      AwaitTerminationResponse: MessageTypeDefinition<_sluice_v1_AwaitTerminationResponse, _sluice_v1_AwaitTerminationResponse__Output>
      CloseSessionRequest: MessageTypeDefinition<_sluice_v1_CloseSessionRequest, _sluice_v1_CloseSessionRequest__Output>
      CloseSessionResponse: MessageTypeDefinition<_sluice_v1_CloseSessionResponse, _sluice_v1_CloseSessionResponse__Output>
      ConfigRequest: MessageTypeDefinition<_sluice_v1_ConfigRequest, _sluice_v1_ConfigRequest__Output>
      ConfigResponse: MessageTypeDefinition<_sluice_v1_ConfigResponse, _sluice_v1_ConfigResponse__Output>
      CreateSessionRequest: MessageTypeDefinition<_sluice_v1_CreateSessionRequest, _sluice_v1_CreateSessionRequest__Output>
      CreateSessionResponse: MessageTypeDefinition<_sluice_v1_CreateSessionResponse, _sluice_v1_CreateSessionResponse__Output>
      EncodedPlan: MessageTypeDefinition<_sluice_v1_EncodedPlan, _sluice_v1_EncodedPlan__Output>
      ErrorInfo: MessageTypeDefinition<_sluice_v1_ErrorInfo, _sluice_v1_ErrorInfo__Output>
      ExecutePlanRequest: MessageTypeDefinition<_sluice_v1_ExecutePlanRequest, _sluice_v1_ExecutePlanRequest__Output>
      ExecuteSqlRequest: MessageTypeDefinition<_sluice_v1_ExecuteSqlRequest, _sluice_v1_ExecuteSqlRequest__Output>
      GetQueryRequest: MessageTypeDefinition<_sluice_v1_GetQueryRequest, _sluice_v1_GetQueryRequest__Output>
      ListQueriesRequest: MessageTypeDefinition<_sluice_v1_ListQueriesRequest, _sluice_v1_ListQueriesRequest__Output>
      ListQueriesResponse: MessageTypeDefinition<_sluice_v1_ListQueriesResponse, _sluice_v1_ListQueriesResponse__Output>
      ListTablesRequest: MessageTypeDefinition<_sluice_v1_ListTablesRequest, _sluice_v1_ListTablesRequest__Output>
      ListTablesResponse: MessageTypeDefinition<_sluice_v1_ListTablesResponse, _sluice_v1_ListTablesResponse__Output>
      ManageViewRequest: MessageTypeDefinition<_sluice_v1_ManageViewRequest, _sluice_v1_ManageViewRequest__Output>
      ManageViewResponse: MessageTypeDefinition<_sluice_v1_ManageViewResponse, _sluice_v1_ManageViewResponse__Output>
      MemoryStreamBlock: MessageTypeDefinition<_sluice_v1_MemoryStreamBlock, _sluice_v1_MemoryStreamBlock__Output>
      PlanEnvelope: MessageTypeDefinition<_sluice_v1_PlanEnvelope, _sluice_v1_PlanEnvelope__Output>
      ProcessAllAvailableRequest: MessageTypeDefinition<_sluice_v1_ProcessAllAvailableRequest, _sluice_v1_ProcessAllAvailableRequest__Output>
      QueryEvent: MessageTypeDefinition<_sluice_v1_QueryEvent, _sluice_v1_QueryEvent__Output>
      QueryInfo: MessageTypeDefinition<_sluice_v1_QueryInfo, _sluice_v1_QueryInfo__Output>
      RowBatch: MessageTypeDefinition<_sluice_v1_RowBatch, _sluice_v1_RowBatch__Output>
      SinkCallbackAck: MessageTypeDefinition<_sluice_v1_SinkCallbackAck, _sluice_v1_SinkCallbackAck__Output>
      SinkCallbackBatch: MessageTypeDefinition<_sluice_v1_SinkCallbackBatch, _sluice_v1_SinkCallbackBatch__Output>
      SinkCallbackDone: MessageTypeDefinition<_sluice_v1_SinkCallbackDone, _sluice_v1_SinkCallbackDone__Output>
      SinkCallbackHello: MessageTypeDefinition<_sluice_v1_SinkCallbackHello, _sluice_v1_SinkCallbackHello__Output>
      SinkSpec: MessageTypeDefinition<_sluice_v1_SinkSpec, _sluice_v1_SinkSpec__Output>
      SluiceService: SubtypeConstructor<typeof grpc.Client, _sluice_v1_SluiceServiceClient> & { service: _sluice_v1_SluiceServiceDefinition }
      SourceSpec: MessageTypeDefinition<_sluice_v1_SourceSpec, _sluice_v1_SourceSpec__Output>
      StartQueryRequest: MessageTypeDefinition<_sluice_v1_StartQueryRequest, _sluice_v1_StartQueryRequest__Output>
      StopQueryRequest: MessageTypeDefinition<_sluice_v1_StopQueryRequest, _sluice_v1_StopQueryRequest__Output>
      TableInfo: MessageTypeDefinition<_sluice_v1_TableInfo, _sluice_v1_TableInfo__Output>
      Trigger: MessageTypeDefinition<_sluice_v1_Trigger, _sluice_v1_Trigger__Output>
      WatchEventsRequest: MessageTypeDefinition<_sluice_v1_WatchEventsRequest, _sluice_v1_WatchEventsRequest__Output>
      WritePlanRequest: MessageTypeDefinition<_sluice_v1_WritePlanRequest, _sluice_v1_WritePlanRequest__Output>
      WritePlanResponse: MessageTypeDefinition<_sluice_v1_WritePlanResponse, _sluice_v1_WritePlanResponse__Output>
      WriteSpec: MessageTypeDefinition<_sluice_v1_WriteSpec, _sluice_v1_WriteSpec__Output>
    }
  }
}

