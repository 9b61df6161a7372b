import { describe, expect, it } from 'vitest'
import { CoordinatorUsageError, isLoopback, parseCoordinatorArgs } from './coordinator-args.js'

describe('parseCoordinatorArgs', () => {
  it('should default to 127.0.0.1:15002, 4 MiB, no token, the working folder', () => {
    expect(parseCoordinatorArgs([])).toEqual({
      host: '127.0.0.1', port: 15002, allowedPaths: [], maxMessageBytes: 4 * 1024 * 1024, conf: {}, allowNoToken: false,
    })
  })

  it('should read every flag, repeated ones in order', () => {
    const args = parseCoordinatorArgs([
      '--port', '0', '--host', '0.0.0.0', '--allowed-path', '/data', '--allowed-path', '/out', '--token-file', 't',
      '--tls-cert', 'c', '--tls-key', 'k', '--tls-ca', 'ca', '--max-message-bytes', '1048576',
      '--conf', 'spark.task.maxFailures=2', '--conf', 'spark.sql.shuffle.partitions = 8',
    ])
    expect(args).toEqual({
      host: '0.0.0.0', port: 0, allowedPaths: ['/data', '/out'], tokenFile: 't', tlsCert: 'c', tlsKey: 'k', tlsCa: 'ca',
      maxMessageBytes: 1048576, conf: { 'spark.task.maxFailures': '2', 'spark.sql.shuffle.partitions': '8' }, allowNoToken: false,
    })
  })

  it('should refuse bad values with a usage error naming the flag', () => {
    const bad: [string[], RegExp][] = [
      [['--port', 'http'], /--port/],
      [['--port', '70000'], /--port/],
      [['--max-message-bytes', '0'], /--max-message-bytes/],
      [['--tls-cert', 'c'], /--tls-key/],
      [['--tls-ca', 'ca'], /--tls-ca needs/],
      [['--conf', 'novalue'], /key=value/],
      [['--unknown'], /Unknown option/],
      [['--host', '0.0.0.0'], /not a loopback address.*--token-file/],
    ]
    for (const [argv, message] of bad) {
      expect(() => parseCoordinatorArgs(argv)).toThrow(CoordinatorUsageError)
      expect(() => parseCoordinatorArgs(argv)).toThrow(message)
    }
    expect(parseCoordinatorArgs(['--host', '0.0.0.0', '--allow-no-token']).allowNoToken).toBe(true)
  })

  it('should know loopback hosts', () => {
    expect(['127.0.0.1', '127.1.2.3', 'localhost', '::1'].every(isLoopback)).toBe(true)
    expect(['0.0.0.0', '10.0.0.1', 'example.com', '::'].some(isLoopback)).toBe(false)
  })
})
