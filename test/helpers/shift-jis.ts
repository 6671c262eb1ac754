// Text to Shift_JIS bytes, as Excel on Japanese Windows saves a CSV. Node can decode Shift_JIS (TextDecoder)
// but not encode it, and the project has no encoding library: the table is the decoder's, turned around.

let table: Map<string, number[]> | undefined

function encoderTable(): Map<string, number[]> {
  if (table) return table
  table = new Map()
  const decoder = new TextDecoder('shift_jis', { fatal: true })
  const add = (bytes: number[]) => {
    try {
      const char = decoder.decode(Uint8Array.from(bytes))
      // The first code of a character wins (NEC before IBM extensions, as Windows encodes).
      if (char.length >= 1 && char !== '\uFFFD' && !table?.has(char)) table?.set(char, bytes)
    } catch {
      // not a character
    }
  }
  for (let byte = 0; byte <= 0xdf; byte++) if (byte < 0x80 || byte >= 0xa1) add([byte])
  for (let lead = 0x81; lead <= 0xfc; lead++) {
    if (lead > 0x9f && lead < 0xe0) continue
    for (let trail = 0x40; trail <= 0xfc; trail++) if (trail !== 0x7f) add([lead, trail])
  }
  return table
}

export function encodeShiftJis(text: string): Buffer {
  const codes = encoderTable()
  const bytes: number[] = []
  for (const char of text) {
    const encoded = codes.get(char)
    if (!encoded) throw new Error(`${char} (U+${char.codePointAt(0)?.toString(16)}) has no Shift_JIS code`)
    bytes.push(...encoded)
  }
  return Buffer.from(bytes)
}
