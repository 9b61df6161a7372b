// Original file: sluice/v1/client.proto


export interface AnalyzePlanResponse {
  'schemaJson'?: (string);
  'explain'?: (string);
}

export interface AnalyzePlanResponse__Output {
  'schemaJson': (string);
  'explain': (string);
}
