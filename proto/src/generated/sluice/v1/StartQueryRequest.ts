// Original file: sluice/v1/client.proto

import type { PlanEnvelope as _sluice_v1_PlanEnvelope, PlanEnvelope__Output as _sluice_v1_PlanEnvelope__Output } from '../../sluice/v1/PlanEnvelope.js';
import type { SourceSpec as _sluice_v1_SourceSpec, SourceSpec__Output as _sluice_v1_SourceSpec__Output } from '../../sluice/v1/SourceSpec.js';
import type { SinkSpec as _sluice_v1_SinkSpec, SinkSpec__Output as _sluice_v1_SinkSpec__Output } from '../../sluice/v1/SinkSpec.js';

export interface StartQueryRequest {
  'sessionId'?: (string);
  'plan'?: (_sluice_v1_PlanEnvelope | null);
  'sources'?: (_sluice_v1_SourceSpec)[];
  'sink'?: (_sluice_v1_SinkSpec | null);
}

export interface StartQueryRequest__Output {
  'sessionId': (string);
  'plan': (_sluice_v1_PlanEnvelope__Output | null);
  'sources': (_sluice_v1_SourceSpec__Output)[];
  'sink': (_sluice_v1_SinkSpec__Output | null);
}
