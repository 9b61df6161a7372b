/** Bytes Java's `BigInteger.toByteArray` gives: the fewest that hold `value` in two's complement. */
export function minimalTwosComplementSize(value: bigint): number {
  const magnitude = value < 0n ? -value - 1n : value
  return Math.floor(magnitude.toString(2).length / 8) + 1
}

/** `value` as big-endian two's complement in `size` bytes (default: the fewest), as Avro and Parquet store decimals. */
export function bigintToTwosComplement(value: bigint, size = minimalTwosComplementSize(value)): Uint8Array {
  const bytes = new Uint8Array(size)
  let rest = BigInt.asUintN(size * 8, value)
  for (let i = size - 1; i >= 0; i--) {
    bytes[i] = Number(rest & 0xffn)
    rest >>= 8n
  }
  return bytes
}

/** A big-endian two's-complement byte string as a bigint (0 for no bytes). */
export function twosComplementToBigint(bytes: Uint8Array): bigint {
  let value = 0n
  for (const byte of bytes) value = (value << 8n) | BigInt(byte)
  if (bytes.length > 0 && (bytes[0]! & 0x80) !== 0) value -= 1n << BigInt(bytes.length * 8)
  return value
}
