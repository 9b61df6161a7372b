// Original file: sluice/v1/client.proto


export interface Trigger {
  'default'?: (boolean);
  'processingTime'?: (string);
  'once'?: (boolean);
  'availableNow'?: (boolean);
  'continuous'?: (string);
  'kind'?: "default"|"processingTime"|"once"|"availableNow"|"continuous";
}

export interface Trigger__Output {
  'default'?: (boolean);
  'processingTime'?: (string);
  'once'?: (boolean);
  'availableNow'?: (boolean);
  'continuous'?: (string);
  'kind'?: "default"|"processingTime"|"once"|"availableNow"|"continuous";
}
