// Original file: sluice/v1/client.proto

import type { QueryInfo as _sluice_v1_QueryInfo, QueryInfo__Output as _sluice_v1_QueryInfo__Output } from '../../sluice/v1/QueryInfo.js';

export interface ListQueriesResponse {
  'queries'?: (_sluice_v1_QueryInfo)[];
}

export interface ListQueriesResponse__Output {
  'queries': (_sluice_v1_QueryInfo__Output)[];
}
