// Original file: sluice/v1/client.proto


export interface AddMemoryStreamDataRequest {
  'sessionId'?: (string);
  'streamId'?: (string);
  'schemaJson'?: (string);
  'avro'?: (Buffer | Uint8Array | string);
  'registerOnly'?: (boolean);
}

export interface AddMemoryStreamDataRequest__Output {
  'sessionId': (string);
  'streamId': (string);
  'schemaJson': (string);
  'avro': (Buffer);
  'registerOnly': (boolean);
}
