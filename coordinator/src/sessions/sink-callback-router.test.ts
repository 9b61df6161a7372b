import { describe, expect, it } from 'vitest'
import { IntegerType, StructField, StructType } from '@sluice/shared'
import { SinkCallbackRouter, type SinkCallbackBatchMessage } from './sink-callback-router.js'

const schema = StructType([StructField('n', IntegerType)])

describe('SinkCallbackRouter', () => {
  it('should deliver a batch to the stream announcing its id and resolve on its acknowledgement', async () => {
    const router = new SinkCallbackRouter(1000)
    const sent: SinkCallbackBatchMessage[] = []
    const channel = { send: (batch: SinkCallbackBatchMessage) => { sent.push(batch); queueMicrotask(() => router.acknowledge(batch.callbackId, batch.batchId)) } }
    const callback = router.callbackFor('cb')
    const delivered = callback(schema, [[1], [2]], 7)
    router.attach(channel, ['cb'])
    await delivered
    expect(sent).toEqual([{ callbackId: 'cb', batchId: 7, schema, rows: [[1], [2]] }])
  })

  it('should fail the batch with the client\'s error', async () => {
    const router = new SinkCallbackRouter(1000)
    router.attach({ send: (batch) => queueMicrotask(() => router.acknowledge(batch.callbackId, batch.batchId, new Error('boom'))) }, ['cb'])
    await expect(router.callbackFor('cb')(schema, [], 0)).rejects.toThrow('boom')
  })

  it('should fail batches in flight and later ones when the stream is gone', async () => {
    const router = new SinkCallbackRouter(1000)
    const channel = { send: () => undefined }
    router.attach(channel, ['cb'])
    const inFlight = router.callbackFor('cb')(schema, [], 3)
    router.detach(channel, 'the client cancelled it')
    await expect(inFlight).rejects.toThrow(/SINK_CALLBACK_CLIENT_GONE.*'cb'.*the client cancelled it.*batch 3/)
    await expect(router.callbackFor('cb')(schema, [], 4)).rejects.toThrow(/batch 4/)
  })

  it('should fail a batch whose client never announced its id within the connect timeout', async () => {
    const router = new SinkCallbackRouter(50)
    await expect(router.callbackFor('never')(schema, [], 0)).rejects.toThrow(/SINK_CALLBACK_NOT_CONNECTED.*'never'/)
  })
})
