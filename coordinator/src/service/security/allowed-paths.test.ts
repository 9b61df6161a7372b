import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AllowedPaths } from './allowed-paths.js'
import { PathNotAllowedError } from './path-not-allowed-error.js'

describe('AllowedPaths', () => {
  let root: string
  let inside: string
  let paths: AllowedPaths

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'sluice-allowed-'))
    inside = join(root, 'in')
    await mkdir(join(inside, 'sub'), { recursive: true })
    await mkdir(join(root, 'out'))
    await symlink(join(root, 'out'), join(inside, 'to-out'))
    await symlink(join(inside, 'sub'), join(inside, 'to-sub'))
    await symlink(join(root, 'loop-a'), join(inside, 'loop-b'))
    await symlink(join(inside, 'loop-b'), join(root, 'loop-a'))
    // The root itself through a symlink: its real path is what paths are compared with.
    await symlink(inside, join(root, 'in-link'))
    paths = await AllowedPaths.create([join(root, 'in-link')])
  })
  afterAll(async () => { await rm(root, { recursive: true, force: true }) })

  const allowed = (path: string) => expect(paths.check(path, 'test path')).resolves.toBeUndefined()
  const refused = (path: string) => expect(paths.check(path, 'test path')).rejects.toBeInstanceOf(PathNotAllowedError)

  it('should allow the root, paths below it (existing or not), symlinks that stay inside and globs', async () => {
    await allowed(inside)
    await allowed(join(inside, 'sub', 'a.json'))
    await allowed(join(inside, 'new', 'deeper', 'file.parquet'))
    await allowed(join(inside, 'to-sub', 'x'))
    await allowed(join(root, 'in-link', 'sub'))
    await allowed(join(inside, 'sub', '..', 'sub'))
    await allowed(join(inside, '*', '*.json'))
    await allowed(`file://${join(inside, 'sub')}`)
    await allowed(join(inside, 'name%20with%20space'))
  })

  it('should refuse .., encoded .. at any depth, symlink escapes, loops, other schemes and NUL', async () => {
    await refused(root)
    await refused(join(inside, '..'))
    await refused(join(inside, '..', 'out'))
    await refused(`${inside}/..%2fout`)
    await refused(`${inside}/..%2Fout`)
    await refused(`${inside}/..%252fout`)
    await refused(`${inside}/..%25252fout`)
    await refused(`${inside}/%2e%2e/out`)
    await refused(join(inside, 'to-out'))
    await refused(join(inside, 'to-out', 'new-file'))
    await refused(join(inside, 'loop-b', 'x'))
    await refused(`file://${join(root, 'out')}`)
    await refused('s3://bucket/key')
    await refused(`${inside}/a\0b`)
    await refused(join(inside, '*', '..', '..', 'out'))
    await refused(`${inside}/{sub,../out}`)
    await refused('/etc/passwd')
  })

  it('should resolve relative paths against its base folder', async () => {
    const relativeToCwd = await AllowedPaths.create([inside], inside)
    await expect(relativeToCwd.check('sub/a.json', 'p')).resolves.toBeUndefined()
    await expect(relativeToCwd.check('../out', 'p')).rejects.toBeInstanceOf(PathNotAllowedError)
    await expect(relativeToCwd.check(relative(inside, join(root, 'out')), 'p')).rejects.toThrow(/PATH_NOT_ALLOWED.*outside the allowed roots/)
  })
})
