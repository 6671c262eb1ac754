import { westernYear } from '../../domain/fiscal-year.ts'
import { columnKey } from './headers.ts'

// Cells as spreadsheets write them, read into the values the API takes. What cannot be read is passed on as
// the text it is, so that the API's own schema refuses it with its own message (`must be integer`).

const plain = (text: string) => text.normalize('NFKC').trim()

/** `1,204`, `１２０４`, `120名`: an integer; else the text. */
export function readInteger(text: string): number | string {
  const value = plain(text)
    .replace(/,/g, '')
    .replace(/\s*(名|人|件|回)$/, '')
  return /^-?\d{1,15}$/.test(value) ? Number(value) : text
}

const TRUE = new Set(['true', 'yes', 'y', '1', 'はい', '○', '〇', 'あり', '有', '済'])
const FALSE = new Set(['false', 'no', 'n', '0', 'いいえ', '×', 'なし', '無', '-'])

/** `true`/`false`, `はい`/`いいえ`, `○`/`×`, `1`/`0`…; else the text. */
export function readBoolean(text: string): boolean | string {
  const value = plain(text).toLowerCase()
  if (TRUE.has(value)) return true
  if (FALSE.has(value)) return false
  return text
}

/** Japanese and English names of the API's values, by the value; the value itself always matches. */
const VALUE_NAMES: Record<string, string[]> = {
  medical: ['医療', '医療・健康', 'medicine'],
  food: ['食品', '食'],
  agriculture: ['農業', '農林水産'],
  materials: ['素材', '材料'],
  other: ['その他'],
  planned: ['予定'],
  active: ['実施中', '継続', '進行中'],
  completed: ['完了', '終了'],
  discontinued: ['中止', '中断'],
  public: ['公開'],
  program: ['事業関係者のみ', '関係者のみ', '関係者限定'],
  confidential: ['非公開', '秘'],
  product: ['商品化', '製品化', '商品'],
  test_sale: ['テスト販売', '試験販売'],
  variety_application: ['品種登録出願'],
  variety_registration: ['品種登録'],
  award: ['受賞'],
  press_release: ['プレスリリース', '報道発表'],
  patent: ['特許', '特許出願'],
  hire: ['雇用', '採用'],
  seminar: ['セミナー'],
  research_presentation: ['研究発表会', '研究発表'],
  technology_seminar: ['技術セミナー'],
  analytical: ['成分分析', '分析'],
  in_vitro: ['試験管内試験', '細胞試験', 'in vitro'],
  animal: ['動物試験'],
  human: ['ヒト試験', '臨床試験'],
  day: ['日', '日まで'],
  month: ['月', '月まで'],
}

/** One of `allowed`, by the value or its Japanese or English name; else the text. */
export function readEnum(text: string, allowed: readonly string[]): string {
  const key = columnKey(text)
  return (
    allowed.find((value) => [value, ...(VALUE_NAMES[value] ?? [])].some((n) => columnKey(n) === key)) ?? text
  )
}

export interface ReadDate {
  date: string
  precision: 'day' | 'month'
}

const pad = (n: number) => String(n).padStart(2, '0')

function validDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

/**
 * `2016-04-01`, `2016/4/1`, `2016.4.1`, `2016年4月1日`, `平成28年4月1日`, `H28.4.1`, and a month alone
 * (`2016-04`, `2016年4月`: its first day, precision month); undefined for anything else.
 */
export function readDate(text: string): ReadDate | undefined {
  const value = plain(text).replace(/\s+/g, '')
  const match =
    /^(\d{4})[-/.年](\d{1,2})(?:[-/.月](\d{1,2})日?|月)?$/.exec(value) ??
    /^(令和|平成|昭和|[RHS])(\d{1,2}|元)[-/.年](\d{1,2})(?:[-/.月](\d{1,2})日?|月)?$/i.exec(value)
  if (!match) return undefined
  const era = match.length === 5
  const year = era ? westernYear(match[1] ?? '', match[2] === '元' ? 1 : Number(match[2])) : Number(match[1])
  const month = Number(match[era ? 3 : 2])
  const dayText = match[era ? 4 : 3]
  if (year === undefined) return undefined
  const day = dayText === undefined ? 1 : Number(dayText)
  if (!validDate(year, month, day)) return undefined
  return { date: `${year}-${pad(month)}-${pad(day)}`, precision: dayText === undefined ? 'month' : 'day' }
}

/** A list in one cell: ids separated by spaces, commas or the like, else names separated by `、` `;` or lines. */
export function splitList(text: string): string[] {
  const value = text.trim()
  const separator = /^[\d\s,、;；]+$/.test(plain(value)) ? /[\s,、;；]+/ : /\s*[、,;；\n\r]+\s*/
  return plain(value)
    .split(separator)
    .map((item) => item.trim())
    .filter((item) => item !== '')
}
