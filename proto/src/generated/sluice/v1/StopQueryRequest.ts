// Original file: sluice/v1/client.proto


export interface StopQueryRequest {
  'queryId'?: (string);
}

export interface StopQueryRequest__Output {
  'queryId': (string);
}
