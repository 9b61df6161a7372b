import { syntaxError, tokenize, type Token } from './tokenizer.js'
import type { AnalysisError } from '../errors/sluice-error.js'

/** A cursor over the tokens of one SQL text, with the keyword/operator tests the parsers share. */
export class TokenStream {
  private readonly tokens: Token[]
  private position = 0

  constructor(readonly sql: string) {
    this.tokens = tokenize(sql)
  }

  peek(ahead = 0): Token {
    return this.tokens[Math.min(this.position + ahead, this.tokens.length - 1)]!
  }

  next(): Token {
    const token = this.peek()
    if (this.position < this.tokens.length - 1) this.position++
    return token
  }

  get index(): number { return this.position }
  reset(index: number): void { this.position = index }

  atEnd(): boolean { return this.peek().kind === 'eof' }

  /** True when the token `ahead` is the unquoted word `word` (case-insensitive). */
  isKeyword(word: string, ahead = 0): boolean {
    const t = this.peek(ahead)
    return t.kind === 'ident' && t.text.toUpperCase() === word
  }

  acceptKeyword(...words: string[]): boolean {
    if (!words.every((w, k) => this.isKeyword(w, k))) return false
    this.position += words.length
    return true
  }

  expectKeyword(...words: string[]): void {
    for (const w of words) {
      if (!this.acceptKeyword(w)) throw this.error()
    }
  }

  isOp(op: string, ahead = 0): boolean {
    const t = this.peek(ahead)
    return t.kind === 'op' && t.text === op
  }

  acceptOp(op: string): boolean {
    if (!this.isOp(op)) return false
    this.next()
    return true
  }

  expectOp(op: string): void {
    if (!this.acceptOp(op)) throw this.error()
  }

  /** A syntax error at the current token (or at `token`), in Spark's words. */
  error(token: Token = this.peek(), hint = ''): AnalysisError {
    const near = token.kind === 'eof' ? 'end of input' : `'${token.raw}'`
    return syntaxError(near, token.line, token.column, hint)
  }

  /** Fails unless every token was consumed. */
  expectEnd(): void {
    if (!this.atEnd()) throw this.error()
  }
}
