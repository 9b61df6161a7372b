// Original file: sluice/v1/client.proto


export interface MemoryStreamBlock {
  'streamId'?: (string);
  'schemaJson'?: (string);
  'avro'?: (Buffer | Uint8Array | string);
  'registerOnly'?: (boolean);
}

export interface MemoryStreamBlock__Output {
  'streamId': (string);
  'schemaJson': (string);
  'avro': (Buffer);
  'registerOnly': (boolean);
}
