// Original file: sluice/v1/client.proto

import type { PlanEnvelope as _sluice_v1_PlanEnvelope, PlanEnvelope__Output as _sluice_v1_PlanEnvelope__Output } from '../../sluice/v1/PlanEnvelope.js';

// Original file: sluice/v1/client.proto

export const _sluice_v1_AnalyzePlanRequest_Kind = {
  KIND_SCHEMA: 'KIND_SCHEMA',
  KIND_EXPLAIN: 'KIND_EXPLAIN',
  KIND_EXPLAIN_EXTENDED: 'KIND_EXPLAIN_EXTENDED',
} as const;

export type _sluice_v1_AnalyzePlanRequest_Kind =
  | 'KIND_SCHEMA'
  | 0
  | 'KIND_EXPLAIN'
  | 1
  | 'KIND_EXPLAIN_EXTENDED'
  | 2

export type _sluice_v1_AnalyzePlanRequest_Kind__Output = typeof _sluice_v1_AnalyzePlanRequest_Kind[keyof typeof _sluice_v1_AnalyzePlanRequest_Kind]

export interface AnalyzePlanRequest {
  'sessionId'?: (string);
  'plan'?: (_sluice_v1_PlanEnvelope | null);
  'kind'?: (_sluice_v1_AnalyzePlanRequest_Kind);
}

export interface AnalyzePlanRequest__Output {
  'sessionId': (string);
  'plan': (_sluice_v1_PlanEnvelope__Output | null);
  'kind': (_sluice_v1_AnalyzePlanRequest_Kind__Output);
}
