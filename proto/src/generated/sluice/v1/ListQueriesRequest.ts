// Original file: sluice/v1/client.proto


export interface ListQueriesRequest {
  'sessionId'?: (string);
  'includeTerminated'?: (boolean);
}

export interface ListQueriesRequest__Output {
  'sessionId': (string);
  'includeTerminated': (boolean);
}
