// Original file: sluice/v1/client.proto

import type { MemoryStreamBlock as _sluice_v1_MemoryStreamBlock, MemoryStreamBlock__Output as _sluice_v1_MemoryStreamBlock__Output } from '../../sluice/v1/MemoryStreamBlock.js';

export interface AddMemoryStreamDataRequest {
  'sessionId'?: (string);
  'blocks'?: (_sluice_v1_MemoryStreamBlock)[];
}

export interface AddMemoryStreamDataRequest__Output {
  'sessionId': (string);
  'blocks': (_sluice_v1_MemoryStreamBlock__Output)[];
}
