// Original file: sluice/v1/client.proto

import type { PlanEnvelope as _sluice_v1_PlanEnvelope, PlanEnvelope__Output as _sluice_v1_PlanEnvelope__Output } from '../../sluice/v1/PlanEnvelope.js';

export interface ExecutePlanRequest {
  'sessionId'?: (string);
  'plan'?: (_sluice_v1_PlanEnvelope | null);
}

export interface ExecutePlanRequest__Output {
  'sessionId': (string);
  'plan': (_sluice_v1_PlanEnvelope__Output | null);
}
