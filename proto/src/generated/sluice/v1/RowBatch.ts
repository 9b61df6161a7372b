// Original file: sluice/v1/client.proto


export interface RowBatch {
  'avro'?: (Buffer | Uint8Array | string);
  'schemaJson'?: (string);
}

export interface RowBatch__Output {
  'avro': (Buffer);
  'schemaJson': (string);
}
