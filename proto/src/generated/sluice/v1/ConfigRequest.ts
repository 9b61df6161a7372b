// Original file: sluice/v1/client.proto


// Original file: sluice/v1/client.proto

export const _sluice_v1_ConfigRequest_Operation = {
  OPERATION_GET: 'OPERATION_GET',
  OPERATION_SET: 'OPERATION_SET',
  OPERATION_UNSET: 'OPERATION_UNSET',
} as const;

export type _sluice_v1_ConfigRequest_Operation =
  | 'OPERATION_GET'
  | 0
  | 'OPERATION_SET'
  | 1
  | 'OPERATION_UNSET'
  | 2

export type _sluice_v1_ConfigRequest_Operation__Output = typeof _sluice_v1_ConfigRequest_Operation[keyof typeof _sluice_v1_ConfigRequest_Operation]

export interface ConfigRequest {
  'sessionId'?: (string);
  'operation'?: (_sluice_v1_ConfigRequest_Operation);
  'keys'?: (string)[];
  'set'?: ({[key: string]: string});
}

export interface ConfigRequest__Output {
  'sessionId': (string);
  'operation': (_sluice_v1_ConfigRequest_Operation__Output);
  'keys': (string)[];
  'set': ({[key: string]: string});
}
