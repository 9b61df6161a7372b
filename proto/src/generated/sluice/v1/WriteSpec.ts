// Original file: sluice/v1/client.proto


export interface WriteSpec {
  'format'?: (string);
  'path'?: (string);
  'mode'?: (string);
  'partitionBy'?: (string)[];
  'options'?: ({[key: string]: string});
}

export interface WriteSpec__Output {
  'format': (string);
  'path': (string);
  'mode': (string);
  'partitionBy': (string)[];
  'options': ({[key: string]: string});
}
