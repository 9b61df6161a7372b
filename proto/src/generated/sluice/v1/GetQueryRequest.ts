// Original file: /work/main/proto/src/sluice/v1/client.proto


export interface GetQueryRequest {
  'queryId'?: (string);
}

export interface GetQueryRequest__Output {
  'queryId': (string);
}
