// Original file: sluice/v1/client.proto

import type { EncodedPlan as _sluice_v1_EncodedPlan, EncodedPlan__Output as _sluice_v1_EncodedPlan__Output } from '../../sluice/v1/EncodedPlan.js';

export interface PlanEnvelope {
  'sql'?: (string);
  'encoded'?: (_sluice_v1_EncodedPlan | null);
  'plan'?: "sql"|"encoded";
}

export interface PlanEnvelope__Output {
  'sql'?: (string);
  'encoded'?: (_sluice_v1_EncodedPlan__Output | null);
  'plan'?: "sql"|"encoded";
}
