import { AnalysisError, decodeAvroContainer, schemaFromJson, schemaToJson } from '@sluice/shared'
import { MemoryStream, getMemoryStream } from '../streaming/sources/row/index.js'
import type { AddMemoryStreamDataRequest__Output, AddMemoryStreamDataResponse, SluiceServiceHandlers } from '@sluice/proto'
import { unary } from './handler-adapters.js'
import type { ServiceContext } from './service-context.js'

/**
 * AddMemoryStreamData: the testing kit's MemoryStream in a remote session. The
 * stream lives in this process's MemoryStream registry under the client's id (what a
 * `memory` relation names), so queries read it as in embedded mode and its rows go to
 * executors inside tasks. Each call appends one block (one offset); `register_only`
 * creates the stream without one. A test tool: streams stay until the coordinator exits.
 */
export function memoryStreamHandlers(context: ServiceContext): Pick<SluiceServiceHandlers, 'AddMemoryStreamData'> {
  return {
    AddMemoryStreamData: unary(async (request: AddMemoryStreamDataRequest__Output): Promise<AddMemoryStreamDataResponse> => {
      context.sessions.get(request.sessionId)
      if (request.streamId === '') throw new AnalysisError('MEMORY_STREAM_ID_REQUIRED', 'AddMemoryStreamData needs the stream id.')
      const schema = schemaFromJson(request.schemaJson)
      const stream = existing(request.streamId) ?? new MemoryStream(schema, { id: request.streamId })
      if (schemaToJson(stream.schema) !== schemaToJson(schema)) {
        throw new AnalysisError('MEMORY_STREAM_SCHEMA_MISMATCH', `The MemoryStream '${request.streamId}' has another schema (${schemaToJson(stream.schema)}).`, { id: request.streamId })
      }
      if (!request.registerOnly) {
        // addData reads a bare value as a one-column row, so a lone ARRAY column's rows go as their value.
        const bare = schema.fields.length === 1 && schema.fields[0]!.dataType.kind === 'array'
        stream.addData(...decodeAvroContainer(request.avro, schema).rows.map((row) => (bare ? row[0] : row)))
      }
      return { latestOffset: (await stream.latestOffset()) ?? '' }
    }),
  }
}

function existing(id: string): MemoryStream | undefined {
  try {
    return getMemoryStream(id)
  } catch {
    return undefined
  }
}
