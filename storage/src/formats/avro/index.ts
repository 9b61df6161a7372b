// Public surface of the Avro format (storage/src/formats/avro).
export { avroFileFormat, readAvroFile, writeAvroFile, avroFileSchema } from './avro-format.js'
export { avroBinaryToRow, rowToAvroBinary } from './avro-binary.js'
export { avroToSparkType, type AvroSchema as AvroSchemaJson } from './avro-schema.js'
export { encodeAvroContainer, decodeAvroContainer, avroCodecFromOptions, type AvroCodec } from './avro-container.js'
export { parseAvroType } from './avro-long.js'
import './avro-functions.js'
