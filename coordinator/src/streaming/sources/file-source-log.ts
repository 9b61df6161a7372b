import type { CheckpointStore } from '../../checkpoint/index.js'
import { CheckpointError, CheckpointErrorClass } from '../../checkpoint/index.js'

/** One file a file source took in, as Spark's FileEntry in `sources/<i>/N`. */
export interface FileEntry {
  readonly path: string
  readonly timestamp: number
  readonly batchId: number
}

/**
 * Spark's FileStreamSourceLog: `sources/<i>/N` lists the files of source batch N
 * (`v1` then one JSON entry per line); every `compactInterval` batches, `N.compact`
 * holds all entries so far, so a restart reads one compact file and the few after it.
 */
export class FileSourceLog {
  constructor(private readonly store: CheckpointStore, private readonly folder: string, private readonly compactInterval = 10) {}

  /** Batch ids present (compact or not), ascending. */
  async batchIds(): Promise<number[]> {
    const names = await this.store.list(this.folder)
    return [...new Set(names.map((n) => /^(\d+)(\.compact)?$/.exec(n)).flatMap((m) => (m ? [Number(m[1])] : [])))].sort((a, b) => a - b)
  }

  /** Writes batch `batchId`'s entries; false if it exists already. */
  async add(batchId: number, entries: readonly FileEntry[]): Promise<boolean> {
    const compact = (batchId + 1) % this.compactInterval === 0
    const all = compact ? [...(await this.allEntries(batchId - 1)), ...entries] : entries
    const name = `${this.folder}/${batchId}${compact ? '.compact' : ''}`
    return this.store.putIfAbsent(name, ['v1', ...all.map((e) => JSON.stringify(e))].join('\n'))
  }

  /** Entries of batches in [from, to]. */
  async entries(from: number, to: number): Promise<FileEntry[]> {
    if (to < from) return []
    const all = await this.allEntries(to)
    return all.filter((e) => e.batchId >= from && e.batchId <= to)
  }

  /** Every entry of batches ≤ `upTo`, from the latest compact file at or below it and the batch files after. */
  async allEntries(upTo: number): Promise<FileEntry[]> {
    const ids = (await this.batchIds()).filter((id) => id <= upTo)
    const names = new Set(await this.store.list(this.folder))
    const lastCompact = [...ids].reverse().find((id) => names.has(`${id}.compact`))
    const out: FileEntry[] = []
    for (const id of ids) {
      if (lastCompact !== undefined && id < lastCompact) continue
      const name = id === lastCompact ? `${id}.compact` : String(id)
      out.push(...(await this.read(name)))
    }
    return out
  }

  private async read(name: string): Promise<FileEntry[]> {
    const file = `${this.folder}/${name}`
    const text = await this.store.get(file)
    if (text === null) return []
    const lines = text.split('\n')
    if (lines[0] !== 'v1') {
      throw new CheckpointError(CheckpointErrorClass.UNSUPPORTED_VERSION, this.store.describe(file), `${this.store.describe(file)} starts with '${lines[0]}', not the supported version v1.`)
    }
    try {
      return lines.slice(1).filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as FileEntry)
    } catch (error) {
      throw new CheckpointError(CheckpointErrorClass.CORRUPT, this.store.describe(file), `${this.store.describe(file)} is not valid JSON lines: ${(error as Error).message}`)
    }
  }
}
