// A client of a Sluice cluster with no Sluice code: grpc-js, proto-loader and avsc.
// node examples/raw-grpc-client.mjs [host:port] [folder of JSON files]
import grpc from '@grpc/grpc-js'
import protoLoader from '@grpc/proto-loader'
import avro from 'avsc'

const [address = '127.0.0.1:15002', folder = 'data/activity-json/streaming'] = process.argv.slice(2)
const definition = protoLoader.loadSync('sluice/v1/client.proto', { includeDirs: ['proto/src'] })
const { SluiceService } = grpc.loadPackageDefinition(definition).sluice.v1
const client = new SluiceService(address, grpc.credentials.createInsecure())
const call = client.ExecuteSql({ sql: `SELECT gt, count(*) AS n FROM json.\`${folder}\` GROUP BY gt ORDER BY gt` })
call.on('data', ({ avro: container }) => {
  const decoder = new avro.streams.BlockDecoder()
  decoder.on('data', (row) => console.log(JSON.stringify(row)))
  decoder.end(container)
})
call.on('error', (error) => { console.error(`${error.code} ${error.details}`); process.exitCode = 1 })
call.on('end', () => client.close())
