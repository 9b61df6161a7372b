// Original file: sluice/v1/client.proto


export interface CloseSessionResponse {
}

export interface CloseSessionResponse__Output {
}
