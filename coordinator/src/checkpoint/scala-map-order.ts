/**
 * Orders keys as Spark's JSON does for a Scala 2.13 immutable `Map` (json4s writes
 * a map in its iteration order). Up to four entries Scala keeps insertion order
 * (Map1..Map4); above, a `HashMap` (CHAMP trie) iterates each node's own entries
 * in the order of their 5-bit hash slice, then its sub-nodes in slice order,
 * depth first. The trie's shape depends only on the keys, so the order does too.
 */
export function scalaMapKeyOrder(keys: readonly string[]): string[] {
  return keys.length <= 4 ? [...keys] : champOrder(keys, 0)
}

const BITS_PER_LEVEL = 5
const LEVEL_MASK = 0b11111

function champOrder(keys: readonly string[], shift: number): string[] {
  const bySlice = new Map<number, string[]>()
  for (const key of keys) {
    const slice = (improvedHash(key) >>> shift) & LEVEL_MASK
    const group = bySlice.get(slice)
    if (group) group.push(key)
    else bySlice.set(slice, [key])
  }
  const slices = [...bySlice.keys()].sort((a, b) => a - b)
  const groups = slices.map((slice) => bySlice.get(slice)!)
  // Keys with a full 32-bit hash collision share a collision node (kept in insertion order).
  const subNode = (group: string[]): string[] => (shift + BITS_PER_LEVEL >= 32 ? group : champOrder(group, shift + BITS_PER_LEVEL))
  return [...groups.filter((g) => g.length === 1).map((g) => g[0]!), ...groups.filter((g) => g.length > 1).flatMap(subNode)]
}

/** Java's `String.hashCode` (over UTF-16 code units) spread by Scala's `Hashing.improve`. */
function improvedHash(key: string): number {
  let hash = 0
  for (let i = 0; i < key.length; i++) hash = (Math.imul(hash, 31) + key.charCodeAt(i)) | 0
  let h = (hash + ~(hash << 9)) | 0
  h ^= h >>> 14
  h = (h + (h << 4)) | 0
  return h ^ (h >>> 10)
}
