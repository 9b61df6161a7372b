// Original file: sluice/v1/client.proto


export interface ManageViewResponse {
  'existed'?: (boolean);
}

export interface ManageViewResponse__Output {
  'existed': (boolean);
}
