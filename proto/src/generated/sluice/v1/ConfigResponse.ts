// Original file: sluice/v1/client.proto


export interface ConfigResponse {
  'values'?: ({[key: string]: string});
}

export interface ConfigResponse__Output {
  'values': ({[key: string]: string});
}
