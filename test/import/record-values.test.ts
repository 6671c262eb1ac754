import { describe, expect, it } from 'vitest'
import { IMPORT_KINDS } from '../../db/tables/import-mappings.ts'
import { parseFiscalYear } from '../../server/domain/fiscal-year.ts'
import { fieldsOf, KINDS } from '../../server/import/records/fields.ts'
import { findHeader, suggestFields } from '../../server/import/records/headers.ts'
import { NameIndex } from '../../server/import/records/references.ts'
import {
  readBoolean,
  readDate,
  readEnum,
  readInteger,
  splitList,
} from '../../server/import/records/values.ts'

// How the spreadsheet import reads cells and headers: pure functions, no database.

describe('fiscal years as spreadsheets write them', () => {
  it.each([
    ['2016', 2016],
    ['FY2016', 2016],
    ['２０１６年度', 2016],
    ['FY2016 (H28)', 2016],
    ['H27', 2015],
    ['h27', 2015],
    ['平成27年度', 2015],
    ['平成元年度', 1989],
    ['H31', 2019],
    ['R1', 2019],
    ['令和元年度', 2019],
    ['令和２年度', 2020],
    ['S63', 1988],
  ])('%s is FY%i', (text, fy) => expect(parseFiscalYear(text)).toBe(fy))

  it.each(['FY2016 (H27)', 'H32', 'S65', '平成', '2016-04-01', '16', 'abc'])('%s is none', (text) =>
    expect(parseFiscalYear(text)).toBeUndefined(),
  )
})

describe('cells', () => {
  it('reads dates in the forms offices write them, a month alone with its precision', () => {
    expect(readDate('2016-04-01')).toEqual({ date: '2016-04-01', precision: 'day' })
    expect(readDate('2016/4/1')).toEqual({ date: '2016-04-01', precision: 'day' })
    expect(readDate('２０１６年４月１日')).toEqual({ date: '2016-04-01', precision: 'day' })
    expect(readDate('平成28年4月1日')).toEqual({ date: '2016-04-01', precision: 'day' })
    expect(readDate('H28.11.2')).toEqual({ date: '2016-11-02', precision: 'day' })
    expect(readDate('R1.5.1')).toEqual({ date: '2019-05-01', precision: 'day' })
    expect(readDate('2017年3月')).toEqual({ date: '2017-03-01', precision: 'month' })
    expect(readDate('2016-04')).toEqual({ date: '2016-04-01', precision: 'month' })
    for (const text of ['2017-02-30', '2016', '4/1/2016', 'H28', '来年'])
      expect(readDate(text), text).toBeUndefined()
  })

  it('reads numbers with separators and counters, and yes or no in Japanese; else keeps the text', () => {
    expect(readInteger('1,204')).toBe(1204)
    expect(readInteger('１２０名')).toBe(120)
    expect(readInteger('約100')).toBe('約100')
    expect([readBoolean('はい'), readBoolean('○'), readBoolean('FALSE'), readBoolean('なし')]).toEqual([
      true,
      true,
      false,
      false,
    ])
    expect(readBoolean('たぶん')).toBe('たぶん')
  })

  it("reads the schema's values by the value or its Japanese or English name", () => {
    const kinds = ['product', 'test_sale', 'other']
    expect(readEnum('商品化', kinds)).toBe('product')
    expect(readEnum('Test sale', kinds)).toBe('test_sale')
    expect(readEnum('テスト販売', kinds)).toBe('test_sale')
    expect(readEnum('その他', ['medical', 'other'])).toBe('other')
    expect(readEnum('医療', kinds)).toBe('医療')
  })

  it('splits lists of ids by spaces or commas, and of names by 、 ; or lines (not by spaces)', () => {
    expect(splitList('3 7, 12')).toEqual(['3', '7', '12'])
    expect(splitList('山形大学、鶴岡工業高等専門学校;慶應義塾大学 先端生命科学研究所')).toEqual([
      '山形大学',
      '鶴岡工業高等専門学校',
      '慶應義塾大学 先端生命科学研究所',
    ])
  })

  it('finds a company with or without its legal form, by an English name in any case, or by id', () => {
    const index = new NameIndex('organization', [
      { id: 4, names: ['株式会社でん六', 'Denroku Co., Ltd.'] },
      { id: 9, names: ['有限会社でん六', null] },
      { id: 5, names: ['山形大学', 'Yamagata University'] },
    ])
    expect(index.resolve('yamagata university')).toEqual({ id: 5 })
    expect(index.resolve('5')).toEqual({ id: 5 })
    expect(index.resolve('(株)でん六')).toMatchObject({
      problem: { keyword: 'ambiguousName', params: { ids: [4, 9] } },
    })
    expect(index.resolve('DENROKU CO., LTD.')).toEqual({ id: 4 })
    expect(index.resolve('6')).toMatchObject({ problem: { keyword: 'unknownRecord' } })
    expect(index.resolve('でん七')).toMatchObject({
      problem: { keyword: 'unknownName', params: { name: 'でん七' } },
    })
  })
})

describe('fields and headers', () => {
  it.each(IMPORT_KINDS)("%s: a column feeds id or a field of the API's create schema", (kind) => {
    const schemaFields = Object.keys(KINDS[kind].create.properties).filter((f) => f !== 'metaboliteResults')
    expect(fieldsOf(kind)).toEqual(['id', ...schemaFields])
    for (const field of KINDS[kind].key) expect(fieldsOf(kind)).toContain(field)
  })

  it("suggests fields for Japanese headers and for the app's own export headers", () => {
    const projects = fieldsOf('projects')
    expect(
      suggestFields('projects', projects, [
        'テーマ名',
        '採択年度',
        '企業名',
        '事業メニュー',
        '連携機関',
        '備考',
        '謎',
      ]),
    ).toEqual(['themeJa', 'adoptedFy', 'leadOrgId', 'menuId', 'partners', 'sourceNote', null])
    expect(
      suggestFields('projects', projects, [
        'id',
        'adopted_fy',
        'menu',
        'company_ja',
        'theme_ja',
        'theme_en',
        'partners',
      ]),
    ).toEqual(['id', 'adoptedFy', 'menuId', 'leadOrgId', 'themeJa', 'themeEn', null])
    expect(suggestFields('findings', fieldsOf('findings'), ['テーマ名', '解析結果（英語）', '試料'])).toEqual(
      ['projectId', 'statementEn', 'materialJa'],
    )
    // A field goes to its first column only.
    expect(suggestFields('events', fieldsOf('events'), ['名称', 'title'])).toEqual(['titleJa', null])
  })

  it('takes the header below title rows', () => {
    const rows = [
      { kind: 'cells' as const, line: 1, cells: ['平成28年度 採択一覧'] },
      { kind: 'cells' as const, line: 3, cells: ['番号', 'テーマ名', '採択年度'] },
      { kind: 'cells' as const, line: 4, cells: ['1', '甲', 'H28'] },
    ]
    expect(findHeader('projects', fieldsOf('projects'), rows)?.line).toBe(3)
  })
})
