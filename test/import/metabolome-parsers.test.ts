import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { readIdentifierCell, splitIdentifiers } from '../../server/domain/metabolite-identifiers.ts'
import { onePerName } from '../../server/import/metabolome/duplicates.ts'
import { decodeText, encodingOfCharset, sniffEncoding } from '../../server/import/metabolome/encoding.ts'
import {
  HEAD_BYTES,
  ImportFileError,
  type ParsedItem,
  type ParsedResult,
  readMetaboliteFile,
} from '../../server/import/metabolome/index.ts'
import { type JsonPath, jsonValues } from '../../server/import/metabolome/json-stream.ts'
import { groupColumnOf, labColumnsOf } from '../../server/import/metabolome/lab-table.ts'
import { readNumber, readRatio, toResult } from '../../server/import/metabolome/normalize.ts'
import { delimitedRows } from '../../server/import/metabolome/table.ts'
import { encodeShiftJis } from '../helpers/shift-jis.ts'
import { englishLabCsv, japaneseLabCsv, labXlsx, mafTsv, mwtabJson, mwtabText } from './metabolome-files.ts'

// The readers of metabolome result files, without a database: cells, identifiers, encodings, each format.

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = []
  for await (const item of items) all.push(item)
  return all
}

/** The file in chunks of `size` bytes, so that every boundary case (a character, a quote, a CRLF) comes up. */
const chunked = (file: Buffer, size: number) =>
  async function* () {
    for (let at = 0; at < file.length; at += size) yield file.subarray(at, at + size)
  }

function read(file: Buffer, options: Parameters<typeof readMetaboliteFile>[2] = {}, chunk = 4096) {
  return readMetaboliteFile(file.subarray(0, HEAD_BYTES), chunked(file, chunk), options)
}

const rows = (items: ParsedItem[]) => items.filter((item): item is ParsedResult => item.kind === 'row')

describe('identifier cells', () => {
  it('split on spaces, full-width spaces, commas, semicolons and 、, keeping ids with a space inside', () => {
    expect(splitIdentifiers('HMDB0000112\u3000HMDB00112, C00334;C00041、CID 119')).toEqual([
      'HMDB0000112',
      'HMDB00112',
      'C00334',
      'C00041',
      'CID119',
    ])
    expect(splitIdentifiers('CHEBI: 16865 / HMDB 00112')).toEqual(['CHEBI:16865', 'HMDB00112'])
    for (const none of ['N.D.', '-', '', ' ', 'n/a', '―', 'Ｎ．Ｄ．'])
      expect(splitIdentifiers(none), none).toEqual([])
  })

  it('give the first id, the others, or the token that is no id of the kind', () => {
    expect(readIdentifierCell('hmdbId', 'HMDB00112 HMDB0000112 HMDB00094')).toEqual({
      ok: true,
      first: 'HMDB0000112',
      others: ['HMDB0000094'],
    })
    expect(readIdentifierCell('pubchemCid', '0')).toEqual({ ok: true, first: null, others: [] })
    expect(readIdentifierCell('pubchemCid', '0; 5950')).toEqual({ ok: true, first: 5950, others: [] })
    expect(readIdentifierCell('keggId', 'cpd:C00334')).toEqual({ ok: true, first: 'C00334', others: [] })
    expect(readIdentifierCell('keggId', 'C00334 glycine')).toEqual({
      ok: false,
      problem: 'glycine is not a KEGG compound id (C + 5 digits)',
    })
  })
})

describe('number cells', () => {
  it('read as spreadsheets write them; N.D. and blanks are null; anything else is refused', () => {
    const value = (cell: string) => {
      const read = readNumber(cell)
      return read.ok ? read.value : read.problem
    }
    expect(value('１２３．５')).toBe(123.5)
    expect(value('1,234.5')).toBe(1234.5)
    expect(value('1.2E-05')).toBe(0.000012)
    expect(value(' -3 ')).toBe(-3)
    for (const none of ['N.D.', 'n.d.', 'ND', '不検出', '', '-', '#DIV/0!', 'NaN'])
      expect(value(none), none).toBeNull()
    expect(value('0,05')).toBe('0,05 is not a number')
    expect(value('1e999')).toBe('1e999 is not a finite number')
    expect(value('12 mM')).toBe('12 mM is not a number')
  })

  it('read ratios on their scale: 0 is down and ∞ up, without a fold change', () => {
    expect(readRatio('2')).toEqual({ foldChange: 2, direction: 'up' })
    expect(readRatio('1')).toEqual({ foldChange: 1, direction: 'unchanged' })
    expect(readRatio('0')).toEqual({ foldChange: null, direction: 'down' })
    expect(readRatio('Inf')).toEqual({ foldChange: null, direction: 'up' })
    expect(readRatio('-1', 'log2')).toEqual({ foldChange: 0.5, direction: 'down' })
    expect(readRatio('-0.5')).toEqual({ problem: '-0.5 is not a positive ratio' })
  })
})

describe('a lab table’s header', () => {
  it('is recognized in Japanese and in English, with group columns and unknown columns told apart', () => {
    const columns = labColumnsOf([
      'No.',
      '化合物名',
      'KEGG ID',
      'm/z',
      'MT (min)',
      '加熱（平均）',
      'Raw mean',
      'Heated_1',
      'log2FC',
      'p-value (Welch)',
      'Comment',
    ])
    expect(columns && Object.fromEntries(columns.fields)).toEqual({
      1: 'name',
      2: 'keggId',
      3: 'mz',
      4: 'migrationTime',
      8: 'ratio',
      9: 'pValue',
    })
    expect(columns?.ratioScale).toBe('log2')
    expect(columns && Object.fromEntries(columns.groups)).toEqual({
      5: { group: '加熱', kind: 'mean' },
      6: { group: 'Raw', kind: 'mean' },
      7: { group: 'Heated', kind: 'replicate' },
    })
    expect(columns?.unknown).toEqual([0, 10])
    expect(labColumnsOf(['解析結果', 'CE-TOFMS'])).toBeUndefined()
    expect(groupColumnOf('SD_加熱')).toEqual({ group: '加熱', kind: 'sd' })
  })
})

describe('rows that cannot be read', () => {
  it('give every reason at once, naming the columns as the file names them', () => {
    const item = toResult({
      line: 12,
      cells: { name: 'X', hmdbId: 'HMDB12', mz: 'abc', pValue: '1.5' },
      headers: { name: '化合物名', hmdbId: 'HMDB ID', mz: 'm/z', pValue: 'p値' },
      original: {},
      unknown: {},
    })
    expect(item).toEqual({
      kind: 'error',
      line: 12,
      reason:
        'HMDB ID: HMDB12 is not an HMDB id (HMDB + 7 digits); m/z: abc is not a number; p値: 1.5 is not between 0 and 1',
    })
    expect(toResult({ line: 3, cells: {}, headers: {}, original: {}, unknown: { 備考: 'x' } })).toEqual({
      kind: 'error',
      line: 3,
      reason: 'no name, identifier, m/z or time: nothing tells which metabolite this row is',
    })
  })

  it('include a metabolite listed twice; the two parts of an mwTab metabolite are one', async () => {
    const result = (line: number, name: string, part?: 'values' | 'annotation') => ({
      ...(toResult({ line, cells: { name }, headers: {}, original: {}, unknown: {} }) as ParsedResult),
      ...(part && { part }),
    })
    const items = await collect(
      onePerName(
        Readable.from([
          result(1, 'Citric acid', 'values'),
          result(2, 'ＣＩＴＲＩＣ acid', 'annotation'),
          result(3, 'citric acid', 'annotation'),
          result(4, 'GABA'),
          result(5, 'gaba'),
        ]),
      ),
    )
    expect(items.map((i) => (i.kind === 'row' ? `${i.line} ${i.name}` : `${i.line} ${i.reason}`))).toEqual([
      '1 Citric acid',
      '2 Citric acid',
      '3 citric acid is already on line 1: a finding lists each metabolite once',
      '4 GABA',
      '5 gaba is already on line 4: a finding lists each metabolite once',
    ])
  })
})

describe('text encodings', () => {
  it('are told from the first bytes: a BOM or valid UTF-8, else Shift_JIS', () => {
    expect(sniffEncoding(Buffer.from('\uFEFFa,b'))).toBe('utf-8')
    expect(sniffEncoding(Buffer.from('化合物名,KEGG'))).toBe('utf-8')
    expect(sniffEncoding(encodeShiftJis('化合物名,KEGG'))).toBe('shift_jis')
    expect(sniffEncoding(Buffer.from([0xff, 0xfe, 0x00, 0x41]))).toBeUndefined()
    // A UTF-8 character cut by the end of the sample is no reason to doubt the sample.
    expect(sniffEncoding(Buffer.from('GABA,ア').subarray(0, 6))).toBe('utf-8')
    expect(encodingOfCharset('Windows-31J')).toBe('shift_jis')
    expect(() => encodingOfCharset('EUC-JP')).toThrow(ImportFileError)
  })

  it('decode characters split between chunks, and refuse bytes that are not text, naming the line', async () => {
    const file = encodeShiftJis('化合物名\r\nクエン酸\r\n')
    const text = (await collect(decodeText(chunked(file, 1)(), 'shift_jis'))).join('')
    expect(text).toBe('化合物名\r\nクエン酸\r\n')
    const broken = Buffer.concat([Buffer.from('a\nb\nc'), encodeShiftJis('酸')])
    await expect(collect(decodeText(chunked(broken, 2)(), 'utf-8'))).rejects.toThrow(
      /not valid UTF-8 text \(near line 3\); if it is Shift_JIS, send encoding=shift_jis/,
    )
  })
})

describe('delimited text', () => {
  it('gives each record the line it starts on, whatever the line endings and quoted line breaks', async () => {
    const text = 'a,b\r\n1,"x\r\ny"\r\n\r\n2,"bad"q\n3,z\r4,w'
    for (const size of [1, 3, 100]) {
      const chunks = text.match(new RegExp(`[\\s\\S]{1,${size}}`, 'g')) ?? []
      const records = await collect(delimitedRows(Readable.from(chunks), ','))
      expect(
        records.map((r) => [r.line, ...r.cells]),
        `chunks of ${size}`,
      ).toEqual([
        [1, 'a', 'b'],
        [2, '1', 'x\r\ny'],
        [5, '2', '"bad"q'],
        [6, '3', 'z'],
        [7, '4', 'w'],
      ])
    }
  })
})

describe('the JSON stream reader', () => {
  const values = async (text: string, select: (path: JsonPath) => boolean, depth = 3, size = 1) => {
    const chunks = text.match(new RegExp(`[\\s\\S]{1,${size}}`, 'g')) ?? []
    return collect(jsonValues(Readable.from(chunks), select, depth))
  }

  it('hands out the chosen values one at a time, whatever the chunks', async () => {
    const text =
      '{"skip": {"deep": [1, {"a": "}"}]}, "Data": [\n {"Metabolite": "caf\\u00e9 \\"x\\" \\ud83e\\uddea", "n": -1.5e3, "t": true, "z": null},\n {"Metabolite": "b", "list": [1, [2]]}\n], "tail": "]"}'
    for (const size of [1, 7, 1000]) {
      const found = await values(text, (path) => path.length === 2 && path[0] === 'Data', 2, size)
      expect(found, `chunks of ${size}`).toEqual([
        { path: ['Data', 0], line: 2, value: { Metabolite: 'café "x" 🧪', n: -1500, t: true, z: null } },
        { path: ['Data', 1], line: 3, value: { Metabolite: 'b', list: [1, [2]] } },
      ])
    }
  })

  it('refuses what is not JSON, naming the line', async () => {
    const any = () => true
    for (const [text, message] of [
      ['{"a": [1, 2,]}', /unexpected "]" on line 1/],
      ['{"a": 1,\n}', /unexpected "}" on line 2/],
      ['{"a": 01}', /unexpected "01"/],
      ['{"a": tru}', /unexpected "tru"/],
      ['{"a": [1, 2]', /ends early/],
      ['{"a": 1} {"b": 2}', /unexpected "{"/],
    ] as const) {
      await expect(values(text, any), text).rejects.toThrow(message)
    }
  })
})

describe('the formats', () => {
  it('are told apart by their content; a requested format that does not fit is refused', async () => {
    const layout = async (file: Buffer) => {
      const opened = read(file)
      return `${opened.format} ${opened.layout} ${opened.encoding}`
    }
    expect(await layout(japaneseLabCsv())).toBe('lab csv shift_jis')
    expect(await layout(englishLabCsv())).toBe('lab csv utf-8')
    expect(await layout(Buffer.from('化合物名\tKEGG\nGABA\tC00334\n'))).toBe('lab tsv utf-8')
    expect(await layout(await labXlsx())).toBe('lab xlsx null')
    expect(await layout(mafTsv())).toBe('maf tsv utf-8')
    expect(await layout(mwtabText())).toBe('mwtab mwtab-text utf-8')
    expect(await layout(mwtabJson())).toBe('mwtab mwtab-json null')
    expect(() => read(mwtabJson(), { format: 'lab' })).toThrow(/JSON, which only mwTab files are/)
    expect(() => read(Buffer.from('PK\u0003\u0004'), { format: 'maf' })).toThrow(
      /XLSX workbook; maf files are text/,
    )
    await expect(collect(read(englishLabCsv(), { format: 'maf' }).items)).rejects.toThrow(
      /Not a MetaboLights assignment file/,
    )
    await expect(collect(read(englishLabCsv(), { format: 'mwtab' }).items)).rejects.toThrow(
      /Not an mwTab file/,
    )
  })

  it('give the same results whatever the chunks the file arrives in', async () => {
    for (const file of [japaneseLabCsv(), englishLabCsv(), mafTsv(), mwtabText(), mwtabJson()]) {
      const whole = await collect(read(file, {}, 1 << 20).items)
      expect(await collect(read(file, {}, 1).items)).toEqual(whole)
      expect(rows(whole).length).toBeGreaterThan(2)
    }
  })

  it('mwTab text: a block left open is refused; binned NMR data is passed over', async () => {
    const open = Buffer.from(mwtabText().toString().replace('METABOLITES_END\n', ''))
    await expect(collect(read(open).items)).rejects.toThrow(/ends inside METABOLITES_START/)
    const binned = Buffer.from(
      mwtabText()
        .toString()
        .replace(
          '#END',
          'NMR_BINNED_DATA_START\nBin range(ppm)\tS1\n0.5...0.6\t12\nNMR_BINNED_DATA_END\n#END',
        ),
    )
    expect(rows(await collect(read(binned).items))).toHaveLength(6)
  })

  it('mwTab: the groups to compare are chosen by factor, and a factor no sample has is refused', async () => {
    const items = rows(
      await collect(read(mwtabText(), { comparison: { case: 'Heated', control: 'Raw' } }).items),
    )
    expect(items.find((i) => i.name === 'GABA' && i.part === 'values')?.foldChange).toBeCloseTo(2.6)
    await expect(
      collect(read(mwtabJson(), { comparison: { case: 'Frozen', control: 'Raw' } }).items),
    ).rejects.toThrow(
      /No sample of the file has the factor "Frozen" \(its factors: Treatment:Heated, Cultivar/,
    )
  })
})
