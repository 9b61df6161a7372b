// Original file: sluice/v1/client.proto


export interface GetQueryRequest {
  'queryId'?: (string);
}

export interface GetQueryRequest__Output {
  'queryId': (string);
}
