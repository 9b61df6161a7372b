/** A byte array that grows as values are added (definition and repetition levels). */
export class GrowableBytes {
  bytes = new Uint8Array(1 << 12)
  length = 0

  push(value: number): void {
    if (this.length === this.bytes.length) this.grow(this.length + 1)
    this.bytes[this.length++] = value
  }

  append(values: Uint8Array): void {
    if (this.length + values.length > this.bytes.length) this.grow(this.length + values.length)
    this.bytes.set(values, this.length)
    this.length += values.length
  }

  /** What was added so far (a view: valid until the next addition). */
  view(): Uint8Array {
    return this.bytes.subarray(0, this.length)
  }

  private grow(needed: number): void {
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, needed))
    grown.set(this.bytes.subarray(0, this.length))
    this.bytes = grown
  }
}

/** An Int32 array that grows as values are added (dictionary indexes). */
export class GrowableInt32 {
  values = new Int32Array(1 << 12)
  length = 0

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Int32Array(this.values.length * 2)
      grown.set(this.values)
      this.values = grown
    }
    this.values[this.length++] = value
  }

  /** What was added so far (a view: valid until the next addition). */
  view(): Int32Array {
    return this.values.subarray(0, this.length)
  }
}
