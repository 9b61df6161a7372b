// Original file: sluice/v1/client.proto


export interface AddMemoryStreamDataResponse {
  'latestOffset'?: (string);
}

export interface AddMemoryStreamDataResponse__Output {
  'latestOffset': (string);
}
