// Original file: sluice/v1/client.proto


export interface SourceSpec {
  'name'?: (string);
  'format'?: (string);
  'schemaDdl'?: (string);
  'options'?: ({[key: string]: string});
  'path'?: (string);
}

export interface SourceSpec__Output {
  'name': (string);
  'format': (string);
  'schemaDdl': (string);
  'options': ({[key: string]: string});
  'path': (string);
}
