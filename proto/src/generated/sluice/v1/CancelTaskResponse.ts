// Original file: sluice/v1/cluster.proto


export interface CancelTaskResponse {
  'wasRunning'?: (boolean);
}

export interface CancelTaskResponse__Output {
  'wasRunning': (boolean);
}
