// Original file: sluice/v1/client.proto


export interface CreateSessionResponse {
  'sessionId'?: (string);
  'serverVersion'?: (string);
}

export interface CreateSessionResponse__Output {
  'sessionId': (string);
  'serverVersion': (string);
}
