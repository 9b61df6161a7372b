// Original file: sluice/v1/client.proto


export interface CreateSessionRequest {
  'conf'?: ({[key: string]: string});
  'appName'?: (string);
}

export interface CreateSessionRequest__Output {
  'conf': ({[key: string]: string});
  'appName': (string);
}
