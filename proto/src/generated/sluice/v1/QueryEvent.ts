// Original file: sluice/v1/client.proto


export interface QueryEvent {
  'type'?: (string);
  'queryId'?: (string);
  'runId'?: (string);
  'json'?: (string);
}

export interface QueryEvent__Output {
  'type': (string);
  'queryId': (string);
  'runId': (string);
  'json': (string);
}
