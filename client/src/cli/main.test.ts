import { describe, expect, it } from 'vitest'
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, SLUICE_COMMANDS, helpText, main, type CommandSpec } from './main.js'

function capture(): { out: string[]; err: string[]; output: { out(t: string): void; err(t: string): void } } {
  const out: string[] = []
  const err: string[] = []
  return { out, err, output: { out: (t) => { out.push(t) }, err: (t) => { err.push(t) } } }
}

function spec(load: () => Promise<unknown>, entry = 'run'): CommandSpec {
  return { summary: 'a test command', usage: '', load, entry, source: 'client/src/cli/commands/probe.ts' }
}

function missingModule(path: string): Error {
  return Object.assign(new Error(`Cannot find module '${path}' imported from /repo/client/dist/cli/main.js`), { code: 'ERR_MODULE_NOT_FOUND' })
}

describe('sluice --help', () => {
  it('should list every command the brief names and the three exit codes', async () => {
    const io = capture()
    expect(await main(['--help'], io.output)).toBe(0)
    const text = io.out.join('')
    for (const name of ['coordinator', 'executor', 'sql', 'queries', 'progress', 'stop', 'help']) expect(text).toMatch(new RegExp(`^  ${name}\\s`, 'm'))
    expect(text).toMatch(/^ {2}0 {2}success$/m)
    expect(text).toMatch(/^ {2}1 {2}the command failed/m)
    expect(text).toMatch(/^ {2}2 {2}usage error/m)
    expect(Object.keys(SLUICE_COMMANDS).sort()).toEqual(['coordinator', 'executor', 'progress', 'queries', 'sql', 'stop'])
  })

  it('should answer help and -h as --help, and print the help on stderr with exit 2 without a command', async () => {
    for (const argv of [['help'], ['-h']]) {
      const io = capture()
      expect(await main(argv, io.output)).toBe(EXIT_OK)
      expect(io.out.join('')).toBe(helpText())
    }
    const io = capture()
    expect(await main([], io.output)).toBe(EXIT_USAGE)
    expect(io.err.join('')).toBe(helpText())
  })
})

describe('sluice <command>', () => {
  it('should refuse an unknown command with exit 2', async () => {
    const io = capture()
    expect(await main(['launch'], io.output)).toBe(2)
    expect(io.err.join('')).toContain(`unknown command 'launch'`)
  })

  it('should hand the arguments after the command to its entry and answer its exit code', async () => {
    const seen: string[][] = []
    const commands = {
      probe: spec(async () => ({ run: (argv: string[]) => { seen.push(argv); return argv.length === 0 ? undefined : 3 } })),
    }
    expect(await main(['probe'], capture().output, commands)).toBe(0)
    expect(await main(['probe', '--follow', 'q1'], capture().output, commands)).toBe(3)
    expect(seen).toEqual([[], ['--follow', 'q1']])
  })

  it('should say "not available" with exit 2 when the command module or its export is missing', async () => {
    const missing = capture()
    const noModule = { probe: spec(() => Promise.reject(missingModule('/repo/client/dist/cli/commands/probe.js'))) }
    expect(await main(['probe'], missing.output, noModule)).toBe(EXIT_USAGE)
    expect(missing.err.join('')).toBe('sluice probe: not available in this build (client/src/cli/commands/probe.ts has no export run)\n')
    const noExport = capture()
    expect(await main(['probe'], noExport.output, { probe: spec(async () => ({ other: () => 0 })) })).toBe(EXIT_USAGE)
    expect(noExport.err.join('')).toContain('not available')
  })

  it('should report a failure inside the command, a broken import inside its module included, with exit 1', async () => {
    const thrown = capture()
    const failing = { probe: spec(async () => ({ run: () => { throw Object.assign(new Error('no such table: t'), { errorClass: 'TABLE_OR_VIEW_NOT_FOUND' }) } })) }
    expect(await main(['probe'], thrown.output, failing)).toBe(EXIT_FAILED)
    expect(thrown.err.join('')).toBe('sluice probe: [TABLE_OR_VIEW_NOT_FOUND] no such table: t\n')
    const broken = capture()
    const brokenImport = { probe: spec(() => Promise.reject(missingModule('/repo/node_modules/left-pad/index.js'))) }
    expect(await main(['probe'], broken.output, brokenImport)).toBe(EXIT_FAILED)
    expect(broken.err.join('')).toContain('left-pad')
  })
})
