import { mkdtempSync, writeFileSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { InvalidExecutorArgumentError, parseExecutorArgs } from './executor-args.js'

describe('parseExecutorArgs', () => {
  it('should default slots to the cores, port 0, host 127.0.0.1, 64 MiB messages and a 1 s heartbeat', () => {
    expect(parseExecutorArgs(['--coordinator', '127.0.0.1:15002'])).toMatchObject({
      coordinators: ['127.0.0.1:15002'], slots: availableParallelism(), port: 0, host: '127.0.0.1',
      maxMessageBytes: 64 * 1024 * 1024, heartbeatIntervalMs: 1_000, tls: {},
    })
  })

  it('should read every flag: coordinators, slots, port, host, token file, TLS files, message limit, confs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sluice-executor-args-'))
    writeFileSync(join(dir, 'token'), 'tok-123\n')
    const options = parseExecutorArgs([
      '--coordinator', 'a.example:1,[::1]:2', '--slots', '3', '--port', '7000', '--host', '0.0.0.0',
      '--token-file', join(dir, 'token'), '--tls-cert', 'c.pem', '--tls-key', 'k.pem', '--tls-ca', 'ca.pem',
      '--max-message-bytes', '1048576', '--conf', 'spark.executor.heartbeatInterval=250ms', '--conf', 'spark.sluice.checkpoint.fsync=true',
    ])
    expect(options).toMatchObject({
      coordinators: ['a.example:1', '[::1]:2'], slots: 3, port: 7000, host: '0.0.0.0', token: 'tok-123',
      tls: { certFile: 'c.pem', keyFile: 'k.pem', caFile: 'ca.pem' }, maxMessageBytes: 1_048_576, heartbeatIntervalMs: 250,
      stateStore: { fsync: true },
    })
    expect(parseExecutorArgs(['--coordinator', 'h:1', '--conf', 'spark.executor.heartbeatInterval=2s']).heartbeatIntervalMs).toBe(2_000)
    expect(parseExecutorArgs(['--coordinator', 'h:1', '--conf', 'spark.executor.heartbeatInterval=1500']).heartbeatIntervalMs).toBe(1_500)
  })

  it.each([
    [[], /--coordinator HOST:PORT is required/],
    [['--coordinator', 'nohost'], /'nohost' is not HOST:PORT/],
    [['--coordinator', 'h:1', '--slots', '0'], /--slots must be a positive integer, not '0'/],
    [['--coordinator', 'h:1', '--port', '70000'], /--port must be 0..65535/],
    [['--coordinator', 'h:1', '--tls-cert', 'c.pem'], /--tls-cert and --tls-key go together/],
    [['--coordinator', 'h:1', '--conf', 'novalue'], /--conf 'novalue' is not key=value/],
    [['--coordinator', 'h:1', '--token-file', '/no/such/token'], /--token-file \/no\/such\/token cannot be read/],
    [['--coordinator', 'h:1', '--bogus'], /Unknown option '--bogus'/],
  ])('should refuse %j naming the problem', (argv, message) => {
    expect(() => parseExecutorArgs(argv)).toThrow(InvalidExecutorArgumentError)
    expect(() => parseExecutorArgs(argv)).toThrow(message)
  })
})
