import { credentials } from '@grpc/grpc-js'
import { loadSluiceProtos, type RowBatch__Output } from '@sluice/proto'
import { decodeAvroContainer } from '@sluice/shared'

/** Runs `sql` through ExecuteSql with a plain gRPC client and counts the Avro bytes and rows that came back. */
export function wireBytesOfSql(address: string, sql: string): Promise<{ bytes: number; rows: number }> {
  const { SluiceService } = loadSluiceProtos()
  const client = new SluiceService(address, credentials.createInsecure(), { 'grpc.max_receive_message_length': 64 * 1024 * 1024 })
  return new Promise((resolve, reject) => {
    let bytes = 0
    let rows = 0
    const call = client.ExecuteSql({ sql })
    call.on('data', (batch: RowBatch__Output) => {
      bytes += batch.avro.length
      rows += decodeAvroContainer(batch.avro).rows.length
    })
    call.on('error', (error) => { client.close(); reject(error) })
    call.on('end', () => { client.close(); resolve({ bytes, rows }) })
  })
}
