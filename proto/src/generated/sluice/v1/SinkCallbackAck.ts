// Original file: sluice/v1/client.proto

import type { SinkCallbackHello as _sluice_v1_SinkCallbackHello, SinkCallbackHello__Output as _sluice_v1_SinkCallbackHello__Output } from '../../sluice/v1/SinkCallbackHello.js';
import type { SinkCallbackDone as _sluice_v1_SinkCallbackDone, SinkCallbackDone__Output as _sluice_v1_SinkCallbackDone__Output } from '../../sluice/v1/SinkCallbackDone.js';

export interface SinkCallbackAck {
  'hello'?: (_sluice_v1_SinkCallbackHello | null);
  'done'?: (_sluice_v1_SinkCallbackDone | null);
  'kind'?: "hello"|"done";
}

export interface SinkCallbackAck__Output {
  'hello'?: (_sluice_v1_SinkCallbackHello__Output | null);
  'done'?: (_sluice_v1_SinkCallbackDone__Output | null);
  'kind'?: "hello"|"done";
}
