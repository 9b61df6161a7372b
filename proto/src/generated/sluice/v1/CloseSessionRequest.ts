// Original file: sluice/v1/client.proto


export interface CloseSessionRequest {
  'sessionId'?: (string);
  'stopQueries'?: (boolean);
}

export interface CloseSessionRequest__Output {
  'sessionId': (string);
  'stopQueries': (boolean);
}
