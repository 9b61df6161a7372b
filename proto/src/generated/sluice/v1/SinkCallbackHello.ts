// Original file: sluice/v1/client.proto


export interface SinkCallbackHello {
  'sessionId'?: (string);
  'callbackIds'?: (string)[];
}

export interface SinkCallbackHello__Output {
  'sessionId': (string);
  'callbackIds': (string)[];
}
