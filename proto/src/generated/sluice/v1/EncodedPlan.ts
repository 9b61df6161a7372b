// Original file: sluice/v1/client.proto


export interface EncodedPlan {
  'encoding'?: (string);
  'data'?: (Buffer | Uint8Array | string);
}

export interface EncodedPlan__Output {
  'encoding': (string);
  'data': (Buffer);
}
