/**
 * Files already taken by the source, for de-duplication (Spark's SeenFilesMap).
 * Entries older than `maxAgeMs` before the newest file seen are purged; a file
 * older than the last purge threshold is never new (it would have been purged).
 * With `fileNameOnly`, files are identified by name, so `/a/x.json` and
 * `/b/x.json` are the same file.
 */
export class SeenFilesMap {
  private readonly map = new Map<string, number>()
  private latestTimestamp = 0
  private lastPurgeTimestamp = 0

  constructor(
    readonly maxAgeMs: number,
    readonly fileNameOnly: boolean,
  ) {}

  private keyOf(path: string): string {
    if (!this.fileNameOnly) return path
    const slash = path.lastIndexOf('/')
    return slash < 0 ? path : path.slice(slash + 1)
  }

  add(path: string, timestamp: number): void {
    this.map.set(this.keyOf(path), timestamp)
    if (timestamp > this.latestTimestamp) this.latestTimestamp = timestamp
  }

  isNewFile(path: string, timestamp: number): boolean {
    return timestamp >= this.lastPurgeTimestamp && !this.map.has(this.keyOf(path))
  }

  /** Drops entries older than `latestTimestamp - maxAgeMs`; returns how many. */
  purge(): number {
    this.lastPurgeTimestamp = this.latestTimestamp - this.maxAgeMs
    let purged = 0
    for (const [key, timestamp] of this.map) {
      if (timestamp < this.lastPurgeTimestamp) {
        this.map.delete(key)
        purged++
      }
    }
    return purged
  }

  get size(): number {
    return this.map.size
  }
}
