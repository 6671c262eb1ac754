// Text files arrive in UTF-8 (with or without BOM) or in Shift_JIS, as Excel on Japanese Windows saves CSV.
// The WHATWG decoder Node ships decodes `shift_jis` as Windows-31J (CP932), the variant Excel writes.

import type { TextEncoding } from './formats.ts'
import { ImportFileError } from './normalize.ts'

const CHARSETS: Record<string, TextEncoding> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
  shift_jis: 'shift_jis',
  'shift-jis': 'shift_jis',
  sjis: 'shift_jis',
  'x-sjis': 'shift_jis',
  ms_kanji: 'shift_jis',
  'windows-31j': 'shift_jis',
  cp932: 'shift_jis',
  ms932: 'shift_jis',
}

/** The encoding a `charset` parameter names; undefined when absent, refused when unknown. */
export function encodingOfCharset(charset: string | undefined): TextEncoding | undefined {
  if (charset === undefined || charset.trim() === '') return undefined
  const encoding = CHARSETS[charset.trim().toLowerCase()]
  if (encoding === undefined)
    throw new ImportFileError(`The charset ${charset} is not supported: send UTF-8 or Shift_JIS`)
  return encoding
}

const decodes = (head: Buffer, encoding: TextEncoding) => {
  try {
    // `stream: true`: a character cut at the end of the sample is not an error.
    new TextDecoder(encoding, { fatal: true }).decode(head, { stream: true })
    return true
  } catch {
    return false
  }
}

/**
 * The encoding of a text file from its first bytes: a UTF-8 BOM, or bytes that are valid UTF-8, say UTF-8
 * (plain ASCII is both); else Shift_JIS when they decode as that; else undefined.
 */
export function sniffEncoding(head: Buffer): TextEncoding | undefined {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8'
  if (decodes(head, 'utf-8')) return 'utf-8'
  if (decodes(head, 'shift_jis')) return 'shift_jis'
  return undefined
}

/**
 * Bytes to text, chunk by chunk (a character split between chunks is joined), a BOM dropped. Bytes that are
 * not text in `encoding` stop the import naming the line: a file that is not what it was taken for must not
 * be read as mojibake.
 */
export async function* decodeText(
  input: AsyncIterable<Buffer | string>,
  encoding: TextEncoding,
): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding, { fatal: true })
  let line = 1
  const fail = (): never => {
    const other = encoding === 'utf-8' ? 'shift_jis' : 'utf-8'
    throw new ImportFileError(
      `The file is not valid ${encoding === 'utf-8' ? 'UTF-8' : 'Shift_JIS'} text (near line ${line}); ` +
        `if it is ${other === 'utf-8' ? 'UTF-8' : 'Shift_JIS'}, send encoding=${other}`,
    )
  }
  for await (const chunk of input) {
    let text: string
    try {
      text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true })
    } catch {
      return fail()
    }
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) line++
    if (text !== '') yield text
  }
  let rest: string
  try {
    rest = decoder.decode()
  } catch {
    return fail()
  }
  if (rest !== '') yield rest
}
