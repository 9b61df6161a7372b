// Original file: sluice/v1/cluster.proto


export interface RegisterExecutorRequest {
  'executorId'?: (string);
  'address'?: (string);
  'slots'?: (number);
  'host'?: (string);
  'pid'?: (number);
}

export interface RegisterExecutorRequest__Output {
  'executorId': (string);
  'address': (string);
  'slots': (number);
  'host': (string);
  'pid': (number);
}
