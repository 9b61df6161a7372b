// Original file: sluice/v1/client.proto


export interface AddMemoryStreamDataResponse {
  'latestOffsets'?: (string)[];
}

export interface AddMemoryStreamDataResponse__Output {
  'latestOffsets': (string)[];
}
