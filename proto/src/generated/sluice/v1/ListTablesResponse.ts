// Original file: sluice/v1/client.proto

import type { TableInfo as _sluice_v1_TableInfo, TableInfo__Output as _sluice_v1_TableInfo__Output } from '../../sluice/v1/TableInfo.js';

export interface ListTablesResponse {
  'tables'?: (_sluice_v1_TableInfo)[];
}

export interface ListTablesResponse__Output {
  'tables': (_sluice_v1_TableInfo__Output)[];
}
