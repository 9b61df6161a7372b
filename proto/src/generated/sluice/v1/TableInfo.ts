// Original file: sluice/v1/client.proto


export interface TableInfo {
  'name'?: (string);
  'tableType'?: (string);
  'isTemporary'?: (boolean);
}

export interface TableInfo__Output {
  'name': (string);
  'tableType': (string);
  'isTemporary': (boolean);
}
