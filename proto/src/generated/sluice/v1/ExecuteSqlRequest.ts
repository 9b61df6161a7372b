// Original file: sluice/v1/client.proto


export interface ExecuteSqlRequest {
  'sql'?: (string);
  'conf'?: ({[key: string]: string});
  'sessionId'?: (string);
}

export interface ExecuteSqlRequest__Output {
  'sql': (string);
  'conf': ({[key: string]: string});
  'sessionId': (string);
}
