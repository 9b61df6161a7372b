import * as net from 'node:net'
import { ManualClock } from '@sluice/shared'
import { afterEach, describe, expect, it } from 'vitest'
import { SocketStreamSource } from './socket-stream-source.js'

const cleanups: Array<() => void> = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup()
})

/** A server that sends whatever the test writes to its one client. */
async function lineServer(): Promise<{ port: number; send: (text: string) => void }> {
  const clients: net.Socket[] = []
  const pending: string[] = []
  const server = net.createServer((socket) => {
    clients.push(socket)
    for (const text of pending.splice(0)) socket.write(text)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  cleanups.push(() => {
    for (const c of clients) c.destroy()
    server.close()
  })
  return {
    port: (server.address() as net.AddressInfo).port,
    send: (text) => (clients[0] ? clients[0].write(text) : pending.push(text)),
  }
}

async function waitForOffset(source: SocketStreamSource, offset: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if ((await source.latestOffset()) === offset) return
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  throw new Error(`offset ${offset} never reached`)
}

describe('SocketStreamSource', () => {
  it('should buffer lines, serve batches by offset, and drop committed lines', async () => {
    const server = await lineServer()
    const source = await SocketStreamSource.connect({ host: '127.0.0.1', port: server.port }, new ManualClock(0))
    cleanups.push(() => void source.stop())
    expect(await source.latestOffset()).toBeNull()
    server.send('apple\nbanana\r')
    server.send('\ncherry')
    await waitForOffset(source, '1')
    expect(await source.getBatch(null, '1')).toEqual([['apple'], ['banana']])
    server.send('\n')
    await waitForOffset(source, '2')
    await source.commit('1')
    expect(await source.getBatch('1', '2')).toEqual([['cherry']])
    await expect(source.getBatch(null, '2')).rejects.toMatchObject({ errorClass: 'SOCKET_SOURCE_NOT_REPLAYABLE' })
    expect(source.description).toBe(`TextSocketV2[host: 127.0.0.1, port: ${server.port}]`)
  })

  it('should add the arrival timestamp with includeTimestamp', async () => {
    const server = await lineServer()
    const source = await SocketStreamSource.connect({ host: '127.0.0.1', port: server.port, includeTimestamp: 'true' }, new ManualClock(1_700_000_000_000))
    cleanups.push(() => void source.stop())
    server.send('x\n')
    await waitForOffset(source, '0')
    expect(source.schema.fields.map((f) => f.name)).toEqual(['value', 'timestamp'])
    expect(await source.getBatch(null, '0')).toEqual([['x', 1_700_000_000_000_000]])
  })

  it('should fail to connect with an error naming the address', async () => {
    const probe = net.createServer()
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
    const port = (probe.address() as net.AddressInfo).port
    await new Promise((resolve) => probe.close(resolve))
    await expect(SocketStreamSource.connect({ host: '127.0.0.1', port }, new ManualClock(0))).rejects.toThrow(
      new RegExp(`SOCKET_SOURCE_CONNECTION_FAILED.*127\\.0\\.0\\.1:${port}`),
    )
  })
})
