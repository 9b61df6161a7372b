// Original file: sluice/v1/client.proto

import type { PlanEnvelope as _sluice_v1_PlanEnvelope, PlanEnvelope__Output as _sluice_v1_PlanEnvelope__Output } from '../../sluice/v1/PlanEnvelope.js';
import type { WriteSpec as _sluice_v1_WriteSpec, WriteSpec__Output as _sluice_v1_WriteSpec__Output } from '../../sluice/v1/WriteSpec.js';

export interface WritePlanRequest {
  'sessionId'?: (string);
  'plan'?: (_sluice_v1_PlanEnvelope | null);
  'write'?: (_sluice_v1_WriteSpec | null);
}

export interface WritePlanRequest__Output {
  'sessionId': (string);
  'plan': (_sluice_v1_PlanEnvelope__Output | null);
  'write': (_sluice_v1_WriteSpec__Output | null);
}
