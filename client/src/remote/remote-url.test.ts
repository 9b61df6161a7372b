import { describe, expect, it } from 'vitest'
import { parseRemoteUrl } from './remote-url.js'
import { absolutePath, withAbsolutePaths } from './absolute-paths.js'
import { Plan, parseQuery } from '@sluice/shared'
import { resolve } from 'node:path'

describe('parseRemoteUrl', () => {
  it('should read one address, several, the default port, IPv6 and TLS', () => {
    expect(parseRemoteUrl('grpc://localhost:15002')).toEqual({ tls: false, addresses: ['localhost:15002'] })
    expect(parseRemoteUrl('grpc://a:1, b:2,c')).toEqual({ tls: false, addresses: ['a:1', 'b:2', 'c:15002'] })
    expect(parseRemoteUrl('grpcs://[::1]:443/')).toEqual({ tls: true, addresses: ['[::1]:443'] })
  })

  it('should refuse other schemes, empty host lists, bad ports and paths, naming the URL', () => {
    for (const url of ['http://a:1', 'grpc://', 'grpc://a:0', 'grpc://a:99999', 'grpc://a:1/x', 'a:1']) {
      expect(() => parseRemoteUrl(url)).toThrow(/INVALID_REMOTE_URL.*Invalid remote URL/)
    }
  })
})

describe('absolute paths', () => {
  it('should resolve relative paths against the working directory and keep absolute paths and URIs', () => {
    expect(absolutePath('data/x.json')).toBe(resolve(process.cwd(), 'data/x.json'))
    expect(absolutePath('/tmp/x')).toBe('/tmp/x')
    expect(absolutePath('file:/tmp/x')).toBe('file:/tmp/x')
    expect(absolutePath('s3a://bucket/x')).toBe('s3a://bucket/x')
  })

  it('should rewrite relations at any depth (joins, SQL on files, subqueries) and keep absolute plans as they are', () => {
    const plan = parseQuery("SELECT * FROM json.`in/a` WHERE k IN (SELECT k FROM parquet.`/abs/b`)", { timeZone: 'UTC' })
    const rewritten = JSON.stringify(withAbsolutePaths(Plan.join(plan, Plan.relation({ format: 'csv', paths: ['c'], options: {}, streaming: false }), 'inner')))
    expect(rewritten).toContain(JSON.stringify(resolve('in/a')))
    expect(rewritten).toContain('"/abs/b"')
    expect(rewritten).toContain(JSON.stringify(resolve('c')))
    const absolute = Plan.relation({ format: 'json', paths: ['/x'], options: {}, streaming: true })
    expect(withAbsolutePaths(absolute)).toBe(absolute)
  })
})
