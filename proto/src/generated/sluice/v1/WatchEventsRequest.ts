// Original file: sluice/v1/client.proto


export interface WatchEventsRequest {
  'sessionId'?: (string);
}

export interface WatchEventsRequest__Output {
  'sessionId': (string);
}
