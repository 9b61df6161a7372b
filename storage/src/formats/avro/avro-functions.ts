import { AnalysisError, BinaryType, scalarFunctionCatalog, type ScalarFunctionDefinition } from '@sluice/shared'
import { avroBinaryToRow, rowToAvroBinary } from './avro-binary.js'
import { avroToSparkType } from './avro-schema.js'

/**
 * `from_avro(data, jsonFormatSchema)`: an Avro binary datum (a message payload) as
 * a value of the Spark type the schema converts to, as spark-avro does.
 */
const fromAvro: ScalarFunctionDefinition = {
  name: 'from_avro',
  resolve(args) {
    const schemaJson = args.constants[1]
    if (args.types.length < 2 || typeof schemaJson !== 'string') {
      throw new AnalysisError('WRONG_NUM_ARGS', 'from_avro(data, jsonFormatSchema) takes a binary column and the Avro schema as a JSON string literal.')
    }
    if (args.types[0]!.kind !== 'binary' && args.types[0]!.kind !== 'null') {
      throw new AnalysisError('DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE', `The first argument of from_avro must be BINARY, not ${args.types[0]!.kind.toUpperCase()}.`)
    }
    let parsed: unknown
    try {
      parsed = JSON.parse(schemaJson)
    } catch (error) {
      throw new AnalysisError('AVRO_INVALID_SCHEMA', `The Avro schema of from_avro is not valid JSON: ${(error as Error).message}`)
    }
    const { dataType } = avroToSparkType(parsed as Parameters<typeof avroToSparkType>[0])
    return { dataType, nullable: true, nullIntolerant: true, invoke: ([data]) => avroBinaryToRow(data as Uint8Array, schemaJson, dataType) }
  },
}

/** `to_avro(value[, jsonFormatSchema])`: the Avro binary datum of a value (spark-avro's schema when none is given). */
const toAvro: ScalarFunctionDefinition = {
  name: 'to_avro',
  resolve(args) {
    const type = args.types[0]
    if (type === undefined) throw new AnalysisError('WRONG_NUM_ARGS', 'to_avro(value[, jsonFormatSchema]) takes a column.')
    const schemaJson = typeof args.constants[1] === 'string' ? args.constants[1] : undefined
    const nullable = args.nullable[0] ?? true
    return { dataType: BinaryType, nullable: true, nullIntolerant: false, invoke: ([value]) => rowToAvroBinary(value ?? null, type, schemaJson, nullable) }
  },
}

// NOTE: registered into the shared catalog when the executor loads (the Avro codecs live here).
for (const definition of [fromAvro, toAvro]) {
  if (!scalarFunctionCatalog.some((d) => d.name === definition.name)) scalarFunctionCatalog.push(definition)
}
