// Original file: sluice/v1/client.proto


export interface ListTablesRequest {
  'sessionId'?: (string);
}

export interface ListTablesRequest__Output {
  'sessionId': (string);
}
