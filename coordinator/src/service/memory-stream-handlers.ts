import { AnalysisError, decodeAvroContainer, schemaFromJson, schemaToJson, type Row, type StructType } from '@sluice/shared'
import { MemoryStream, getMemoryStream } from '../streaming/sources/row/index.js'
import type { AddMemoryStreamDataRequest__Output, AddMemoryStreamDataResponse, MemoryStreamBlock__Output, SluiceServiceHandlers } from '@sluice/proto'
import { unary } from './handler-adapters.js'
import type { ServiceContext } from './service-context.js'

/**
 * AddMemoryStreamData: the testing kit's MemoryStream in a remote session. A stream
 * lives in this process's MemoryStream registry under the client's id (what a
 * `memory` relation names), so queries read it as in embedded mode and its rows go to
 * executors inside tasks. Each block appends one offset (`register_only` creates the
 * stream without one). The blocks of one call are checked and decoded first, then
 * appended together without yielding, so no micro-batch starts between them. A test
 * tool: streams stay until the coordinator exits.
 */
export function memoryStreamHandlers(context: ServiceContext): Pick<SluiceServiceHandlers, 'AddMemoryStreamData'> {
  return {
    AddMemoryStreamData: unary(async (request: AddMemoryStreamDataRequest__Output): Promise<AddMemoryStreamDataResponse> => {
      context.sessions.get(request.sessionId)
      const decoded = request.blocks.map(decodeBlock)
      const latestOffsets = decoded.map(({ id, schema, rows }) => {
        const stream = existing(id) ?? new MemoryStream(schema, { id })
        if (schemaToJson(stream.schema) !== schemaToJson(schema)) {
          throw new AnalysisError('MEMORY_STREAM_SCHEMA_MISMATCH', `The MemoryStream '${id}' has another schema (${schemaToJson(stream.schema)}).`, { id })
        }
        return rows === undefined ? '' : stream.addData(...rows)
      })
      return { latestOffsets }
    }),
  }
}

function decodeBlock(block: MemoryStreamBlock__Output): { id: string; schema: StructType; rows: unknown[] | undefined } {
  if (block.streamId === '') throw new AnalysisError('MEMORY_STREAM_ID_REQUIRED', 'A MemoryStreamBlock needs the stream id.')
  const schema = schemaFromJson(block.schemaJson)
  if (block.registerOnly) return { id: block.streamId, schema, rows: undefined }
  // addData reads a bare value as a one-column row, so a lone ARRAY column's rows go as their value.
  const bare = schema.fields.length === 1 && schema.fields[0]!.dataType.kind === 'array'
  return { id: block.streamId, schema, rows: decodeAvroContainer(block.avro, schema).rows.map((row: Row) => (bare ? row[0] : row)) }
}

function existing(id: string): MemoryStream | undefined {
  try {
    return getMemoryStream(id)
  } catch {
    return undefined
  }
}
