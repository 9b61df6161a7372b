// Original file: sluice/v1/client.proto


export interface ProcessAllAvailableRequest {
  'queryId'?: (string);
}

export interface ProcessAllAvailableRequest__Output {
  'queryId': (string);
}
