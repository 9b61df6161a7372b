// Original file: sluice/v1/client.proto

import type { Trigger as _sluice_v1_Trigger, Trigger__Output as _sluice_v1_Trigger__Output } from '../../sluice/v1/Trigger.js';

export interface SinkSpec {
  'format'?: (string);
  'path'?: (string);
  'options'?: ({[key: string]: string});
  'partitionBy'?: (string)[];
  'outputMode'?: (string);
  'trigger'?: (_sluice_v1_Trigger | null);
  'queryName'?: (string);
  'checkpointLocation'?: (string);
  'callbackId'?: (string);
}

export interface SinkSpec__Output {
  'format': (string);
  'path': (string);
  'options': ({[key: string]: string});
  'partitionBy': (string)[];
  'outputMode': (string);
  'trigger': (_sluice_v1_Trigger__Output | null);
  'queryName': (string);
  'checkpointLocation': (string);
  'callbackId': (string);
}
