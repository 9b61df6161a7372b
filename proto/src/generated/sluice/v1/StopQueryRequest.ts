// Original file: /work/main/proto/src/sluice/v1/client.proto


export interface StopQueryRequest {
  'queryId'?: (string);
}

export interface StopQueryRequest__Output {
  'queryId': (string);
}
