// Original file: sluice/v1/common.proto


export interface ErrorInfo {
  'errorClass'?: (string);
  'message'?: (string);
  'params'?: ({[key: string]: string});
  'domain'?: (string);
  'retryable'?: (boolean);
  'grpcStatus'?: (number);
}

export interface ErrorInfo__Output {
  'errorClass': (string);
  'message': (string);
  'params': ({[key: string]: string});
  'domain': (string);
  'retryable': (boolean);
  'grpcStatus': (number);
}
