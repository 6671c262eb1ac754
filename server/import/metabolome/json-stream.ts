// Just enough of a streaming JSON parser for large result files: it reads the text chunk by chunk and hands
// out the values found at chosen places (each element of an array, say), built one at a time, while
// everything else is only scanned. Memory stays at one such value plus the nesting above it.

import { ImportFileError } from './normalize.ts'

export type JsonPath = readonly (string | number)[]

export interface FoundValue {
  path: (string | number)[]
  value: unknown
  /** The line the value starts on. */
  line: number
}

interface Frame {
  kind: 'object' | 'array'
  key: string | null
  index: number
  empty: boolean
  /** The value being built, when this container is chosen or inside a chosen one. */
  target: Record<string, unknown> | unknown[] | undefined
  /** Where the chosen value is, when this container is one. */
  rootPath: (string | number)[] | undefined
  line: number
}

type Mode = 'value' | 'key' | 'colon' | 'after' | 'string' | 'number' | 'literal' | 'done'

const WHITESPACE = new Set([' ', '\t', '\n', '\r'])
const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
}

export class JsonValueStream {
  readonly #select: (path: JsonPath) => boolean
  readonly #maxDepth: number
  readonly #stack: Frame[] = []
  #mode: Mode = 'value'
  #line = 1
  #token = ''
  /** The string being read: its parts, or undefined when it is only skipped. */
  #string: string[] | undefined
  #stringIsKey = false
  #escape: '' | '\\' | 'u' = ''
  #unicode = ''
  #pendingRoot: (string | number)[] | undefined
  #valueLine = 1
  #found: FoundValue[] = []

  /** `select` is asked about paths at most `maxDepth` deep: a chosen value is built whole. */
  constructor(select: (path: JsonPath) => boolean, maxDepth: number) {
    this.#select = select
    this.#maxDepth = maxDepth
  }

  /** Reads more text; returns the chosen values it completed. */
  feed(text: string): FoundValue[] {
    let i = 0
    const length = text.length
    while (i < length) {
      if (this.#mode === 'string') {
        i = this.#readString(text, i)
        continue
      }
      const c = text[i] as string
      if (this.#mode === 'number' || this.#mode === 'literal') {
        const pattern = this.#mode === 'number' ? /[0-9eE+\-.]/ : /[a-z]/
        if (pattern.test(c)) {
          this.#token += c
          i++
          continue
        }
        this.#endToken()
        continue // the character ends the token and is read again
      }
      i++
      if (c === '\n') this.#line++
      if (WHITESPACE.has(c)) continue
      switch (this.#mode) {
        case 'value':
          if (c === ']' && this.#top?.kind === 'array' && this.#top.empty) this.#close(c)
          else this.#startValue(c)
          break
        case 'key':
          if (c === '"') this.#startString(true)
          else if (c === '}' && this.#top?.empty) this.#close(c)
          else this.#fail(c)
          break
        case 'colon':
          if (c === ':') this.#mode = 'value'
          else this.#fail(c)
          break
        case 'after': {
          const top = this.#top as Frame
          if (c === ',') {
            if (top.kind === 'array') {
              top.index++
              this.#mode = 'value'
            } else this.#mode = 'key'
          } else if (c === '}' || c === ']') this.#close(c)
          else this.#fail(c)
          break
        }
        case 'done':
          this.#fail(c)
      }
    }
    const found = this.#found
    this.#found = []
    return found
  }

  /** The text has ended: it must have been one whole value. */
  end(): FoundValue[] {
    if (this.#mode === 'number' || this.#mode === 'literal') this.#endToken()
    if (this.#mode !== 'done') {
      throw new ImportFileError(`The file is not valid JSON: it ends early (line ${this.#line})`)
    }
    const found = this.#found
    this.#found = []
    return found
  }

  get #top(): Frame | undefined {
    return this.#stack[this.#stack.length - 1]
  }

  get #building(): boolean {
    return this.#top?.target !== undefined
  }

  #fail(c: string): never {
    throw new ImportFileError(
      `The file is not valid JSON: unexpected ${JSON.stringify(c)} on line ${this.#line}`,
    )
  }

  /** The path of a value starting now, when it is chosen. */
  #chosenPath(): (string | number)[] | undefined {
    if (this.#building || this.#stack.length > this.#maxDepth) return undefined
    const path = this.#stack.map((frame) => (frame.kind === 'object' ? (frame.key as string) : frame.index))
    return this.#select(path) ? path : undefined
  }

  #startValue(c: string) {
    const top = this.#top
    if (top) top.empty = false
    const root = this.#chosenPath()
    const build = root !== undefined || this.#building
    this.#valueLine = this.#line
    if (c === '{' || c === '[') {
      this.#stack.push({
        kind: c === '{' ? 'object' : 'array',
        key: null,
        index: 0,
        empty: true,
        target: build ? (c === '{' ? {} : []) : undefined,
        rootPath: root,
        line: this.#line,
      })
      this.#mode = c === '{' ? 'key' : 'value'
      return
    }
    this.#pendingRoot = root
    if (c === '"') {
      this.#startString(false, build)
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      this.#mode = 'number'
      this.#token = c
    } else if (c === 't' || c === 'f' || c === 'n') {
      this.#mode = 'literal'
      this.#token = c
    } else this.#fail(c)
  }

  #startString(isKey: boolean, build = true) {
    const top = this.#top
    if (isKey && top) top.empty = false
    this.#stringIsKey = isKey
    this.#string = isKey || build ? [] : undefined
    this.#mode = 'string'
  }

  /** Reads string characters from `i`; returns where it stopped. */
  #readString(text: string, i: number): number {
    if (this.#escape === '\\') {
      const c = text[i] as string
      if (c === 'u') {
        this.#escape = 'u'
        this.#unicode = ''
      } else {
        const escaped = ESCAPES[c]
        if (escaped === undefined) this.#fail(c)
        this.#string?.push(escaped)
        this.#escape = ''
      }
      return i + 1
    }
    if (this.#escape === 'u') {
      while (i < text.length && this.#unicode.length < 4) this.#unicode += text[i++]
      if (this.#unicode.length === 4) {
        if (!/^[0-9a-f]{4}$/i.test(this.#unicode)) this.#fail(this.#unicode)
        this.#string?.push(String.fromCharCode(Number.parseInt(this.#unicode, 16)))
        this.#escape = ''
      }
      return i
    }
    const quote = text.indexOf('"', i)
    const backslash = text.indexOf('\\', i)
    const stop = quote === -1 ? backslash : backslash === -1 ? quote : Math.min(quote, backslash)
    if (stop === -1) {
      this.#string?.push(text.slice(i))
      return text.length
    }
    if (stop > i) this.#string?.push(text.slice(i, stop))
    if (stop === backslash) {
      this.#escape = '\\'
      return stop + 1
    }
    this.#endString()
    return stop + 1
  }

  #endString() {
    const value = this.#string?.join('')
    this.#string = undefined
    if (this.#stringIsKey) {
      const top = this.#top as Frame
      top.key = value ?? ''
      this.#mode = 'colon'
      return
    }
    this.#complete(value, this.#pendingRoot, this.#valueLine)
  }

  #endToken() {
    const token = this.#token
    this.#token = ''
    let value: unknown
    if (this.#mode === 'literal') {
      if (token === 'true') value = true
      else if (token === 'false') value = false
      else if (token === 'null') value = null
      else this.#fail(token)
    } else {
      if (!/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(token)) this.#fail(token)
      value = Number(token)
    }
    this.#complete(value, this.#pendingRoot, this.#valueLine)
  }

  #close(c: string) {
    const frame = this.#stack.pop() as Frame
    if ((c === '}') !== (frame.kind === 'object')) this.#fail(c)
    this.#complete(frame.target, frame.rootPath, frame.line)
  }

  /** A value has ended: hand it out when chosen, or put it into the value being built. */
  #complete(value: unknown, root: (string | number)[] | undefined, line: number) {
    this.#pendingRoot = undefined
    const top = this.#top
    if (root !== undefined) this.#found.push({ path: root, value, line })
    else if (top?.target !== undefined) {
      if (Array.isArray(top.target)) top.target.push(value)
      else if (top.key !== '__proto__') top.target[top.key as string] = value
    }
    this.#mode = this.#stack.length === 0 ? 'done' : 'after'
  }
}

/** The chosen values of a JSON stream (UTF-8, BOM or not), one at a time. */
export async function* jsonValues(
  input: AsyncIterable<Buffer | string>,
  select: (path: JsonPath) => boolean,
  maxDepth: number,
): AsyncGenerator<FoundValue> {
  const parser = new JsonValueStream(select, maxDepth)
  const decoder = new TextDecoder('utf-8')
  for await (const chunk of input) {
    yield* parser.feed(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }))
  }
  yield* parser.feed(decoder.decode())
  yield* parser.end()
}
