// Original file: sluice/v1/client.proto

import type { QueryInfo as _sluice_v1_QueryInfo, QueryInfo__Output as _sluice_v1_QueryInfo__Output } from '../../sluice/v1/QueryInfo.js';

export interface AwaitTerminationResponse {
  'terminated'?: (boolean);
  'query'?: (_sluice_v1_QueryInfo | null);
}

export interface AwaitTerminationResponse__Output {
  'terminated': (boolean);
  'query': (_sluice_v1_QueryInfo__Output | null);
}
