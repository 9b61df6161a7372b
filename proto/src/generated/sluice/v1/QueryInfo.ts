// Original file: sluice/v1/client.proto

import type { ErrorInfo as _sluice_v1_ErrorInfo, ErrorInfo__Output as _sluice_v1_ErrorInfo__Output } from '../../sluice/v1/ErrorInfo.js';

export interface QueryInfo {
  'id'?: (string);
  'runId'?: (string);
  'name'?: (string);
  'isActive'?: (boolean);
  'statusJson'?: (string);
  'recentProgressJson'?: (string)[];
  'exception'?: (_sluice_v1_ErrorInfo | null);
  'sessionId'?: (string);
  'sinkDescription'?: (string);
}

export interface QueryInfo__Output {
  'id': (string);
  'runId': (string);
  'name': (string);
  'isActive': (boolean);
  'statusJson': (string);
  'recentProgressJson': (string)[];
  'exception': (_sluice_v1_ErrorInfo__Output | null);
  'sessionId': (string);
  'sinkDescription': (string);
}
