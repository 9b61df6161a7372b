// Original file: sluice/v1/client.proto

import type { PlanEnvelope as _sluice_v1_PlanEnvelope, PlanEnvelope__Output as _sluice_v1_PlanEnvelope__Output } from '../../sluice/v1/PlanEnvelope.js';

// Original file: sluice/v1/client.proto

export const _sluice_v1_ManageViewRequest_Operation = {
  OPERATION_CREATE: 'OPERATION_CREATE',
  OPERATION_CREATE_OR_REPLACE: 'OPERATION_CREATE_OR_REPLACE',
  OPERATION_DROP: 'OPERATION_DROP',
} as const;

export type _sluice_v1_ManageViewRequest_Operation =
  | 'OPERATION_CREATE'
  | 0
  | 'OPERATION_CREATE_OR_REPLACE'
  | 1
  | 'OPERATION_DROP'
  | 2

export type _sluice_v1_ManageViewRequest_Operation__Output = typeof _sluice_v1_ManageViewRequest_Operation[keyof typeof _sluice_v1_ManageViewRequest_Operation]

export interface ManageViewRequest {
  'sessionId'?: (string);
  'operation'?: (_sluice_v1_ManageViewRequest_Operation);
  'name'?: (string);
  'plan'?: (_sluice_v1_PlanEnvelope | null);
}

export interface ManageViewRequest__Output {
  'sessionId': (string);
  'operation': (_sluice_v1_ManageViewRequest_Operation__Output);
  'name': (string);
  'plan': (_sluice_v1_PlanEnvelope__Output | null);
}
