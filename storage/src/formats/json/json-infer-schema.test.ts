import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inferJsonSchema } from './json-infer-schema.js'

let dir: string
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'sluice-json-infer-')) })
afterAll(async () => { await rm(dir, { recursive: true, force: true }) })

async function file(name: string, lines: string[]): Promise<string> {
  const path = join(dir, name)
  await writeFile(path, lines.join('\n') + '\n')
  return path
}

/** Renders a type as Spark's simple string, independently of the code under test. */
function simple(type: { kind: string; [key: string]: unknown }): string {
  if (type.kind === 'struct') return `struct<${(type['fields'] as { name: string; dataType: { kind: string } }[]).map((f) => `${f.name}:${simple(f.dataType)}`).join(',')}>`
  if (type.kind === 'array') return `array<${simple(type['elementType'] as { kind: string })}>`
  if (type.kind === 'decimal') return `decimal(${type['precision']},${type['scale']})`
  return type.kind
}

describe('inferJsonSchema', () => {
  it('should infer sorted fields, nested structs, arrays and widened types', async () => {
    const path = await file('a.json', [
      '{"b":1,"a":"x","n":null,"geo":{"zip":1,"city":"Oslo"},"arr":[1,2],"mixed":1}',
      '{"b":2.5,"c":true,"geo":{"zip":2},"arr":[],"mixed":"text","big":123456789012345678901234}',
      '',
    ])
    const schema = await inferJsonSchema([path], {})
    expect(simple(schema as never)).toBe(
      'struct<a:string,arr:array<long>,b:double,big:decimal(24,0),c:boolean,geo:struct<city:string,zip:long>,mixed:string,n:string>')
  })

  it('should add _corrupt_record in PERMISSIVE mode and fail in FAILFAST mode', async () => {
    const path = await file('b.json', ['{"z":1}', '{"z":', '{"a":1}'])
    expect(simple(await inferJsonSchema([path], {}) as never)).toBe('struct<_corrupt_record:string,a:long,z:long>')
    expect(simple(await inferJsonSchema([path], { mode: 'DROPMALFORMED' }) as never)).toBe('struct<a:long,z:long>')
    await expect(inferJsonSchema([path], { mode: 'FAILFAST' })).rejects.toThrow(/line 2/)
  })

  it('should merge the schemas of several files', async () => {
    const first = await file('c1.json', ['{"x":1}'])
    const second = await file('c2.json', ['{"y":"s","x":2}'])
    expect(simple(await inferJsonSchema([first, second], {}) as never)).toBe('struct<x:long,y:string>')
  })

  it('should follow primitivesAsString and prefersDecimal', async () => {
    const path = await file('d.json', ['{"a":1,"b":1.25,"c":true,"d":"s"}'])
    expect(simple(await inferJsonSchema([path], { primitivesasstring: 'true' }) as never)).toBe('struct<a:string,b:string,c:string,d:string>')
    expect(simple(await inferJsonSchema([path], { prefersdecimal: 'true' }) as never)).toBe('struct<a:long,b:decimal(3,2),c:boolean,d:string>')
  })

  it('should infer the records of a line holding an array of objects', async () => {
    const path = await file('e.json', ['[{"a":1},{"b":"x"}]', '{"c":true}'])
    expect(simple(await inferJsonSchema([path], {}) as never)).toBe('struct<a:long,b:string,c:boolean>')
  })

  it('should infer a multiLine document', async () => {
    const path = join(dir, 'multi.json')
    await writeFile(path, '[\n {"a": 1},\n {"b": [1.5]}\n]\n')
    expect(simple(await inferJsonSchema([path], { multiline: 'true' }) as never)).toBe('struct<a:long,b:array<double>>')
  })
})
