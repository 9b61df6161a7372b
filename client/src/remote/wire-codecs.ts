// The encodings of the wire (shared/src/codec): the one place this client imports them from.
export { PLAN_JSON_ENCODING, encodeLogicalPlan, decodeAvroContainer, encodeAvroContainer, errorFromInfo, errorInfoOf, ERROR_INFO_METADATA_KEY, type ErrorInfoJson } from '@sluice/shared'
