import type { ImportKind } from '../../../db/tables/import-mappings.ts'
import { isBlankOrNote, type TableRow } from '../metabolome/table.ts'

// Which record field a spreadsheet column feeds, as the program office's sheets and the app's own exports
// (GET /api/<resource>.csv) name their columns, in Japanese or English. A field's own name, in camelCase or
// snake_case (`adoptedFy`, `adopted_fy`), matches too.

/** A header reduced for matching: NFKC, lower case, spaces, brackets and punctuation dropped. */
export const columnKey = (header: string) =>
  header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-.:/・()[\]【】「」]/g, '')

/** Headers each field goes by, whatever the kind of record. */
const COMMON: Record<string, string[]> = {
  id: ['ID', 'レコードID', '記録ID'],
  visibility: ['公開範囲', '公開区分', '公開'],
  embargoUntil: ['公開予定日', '公開日', 'embargo'],
  fy: ['年度', 'fiscal year'],
  datePrecision: ['日付の精度'],
  titleJa: ['名称', '名称（日本語）', 'title', 'タイトル'],
  titleEn: ['名称（英語）', '英語名', '英語名称', 'title (English)'],
  kind: ['種類', '区分', 'type'],
}

/** Headers particular to one kind of record (a `テーマ名` is the project's own theme, or the project of a finding). */
const BY_KIND: Record<ImportKind, Record<string, string[]>> = {
  projects: {
    themeJa: [
      'テーマ名',
      'テーマ',
      '研究テーマ',
      '研究開発テーマ',
      'テーマ名（日本語）',
      'テーマ（日本語）',
      'theme',
    ],
    themeEn: ['テーマ名（英語）', 'テーマ（英語）', '英語テーマ', 'theme (English)'],
    adoptedFy: ['採択年度', '採択年', 'adoption FY', 'FY', '年度'],
    startFy: ['開始年度', '事業開始年度'],
    endFy: ['終了年度', '事業終了年度'],
    leadOrgId: [
      '企業名',
      '実施企業',
      '事業者名',
      '代表企業',
      '代表企業名',
      '会社名',
      '採択企業',
      'company',
      'company_ja',
      'company name',
      'lead company',
    ],
    menuId: ['事業メニュー', 'メニュー', '補助メニュー', '補助事業メニュー', 'menu', 'menu code'],
    programId: ['プログラム', '事業区分', 'program', 'program code'],
    partners: ['連携機関', '共同研究機関', '参画機関', '連携先', 'partner names', 'partner institutions'],
    field: ['研究分野', '分野', 'research field'],
    status: ['状況', 'ステータス', '進捗'],
    detailsKnown: ['詳細の記載', '詳細記載', '詳細あり'],
    sourceNote: ['出典', '出典メモ', '備考', 'source', 'note'],
  },
  outcomes: {
    projectId: ['プロジェクト', 'プロジェクトID', 'テーマ名', 'テーマ', 'project', 'theme'],
    titleJa: ['成果名', '商品名', '成果名（日本語）'],
    titleEn: ['成果名（英語）', '商品名（英語）'],
    kind: ['成果の種類', '成果区分'],
    descriptionJa: ['説明', '内容', '概要', '説明（日本語）', 'description'],
    descriptionEn: ['説明（英語）', '概要（英語）'],
    occurredOn: ['日付', '年月日', '発売日', '実施日', 'date'],
    restsOn: ['根拠となる解析結果', '根拠', '解析結果ID', 'finding ids', 'findings'],
  },
  events: {
    titleJa: ['催し名', 'セミナー名', 'イベント名', '催し名（日本語）'],
    titleEn: ['催し名（英語）', 'セミナー名（英語）'],
    heldOn: ['開催日', '日付', '日程', 'date'],
    city: ['開催地', '市町村', '開催市町村'],
    venue: ['会場'],
    attendance: ['参加者数', '参加人数', '来場者数', '参加者'],
    projectIds: ['発表プロジェクト', '発表したプロジェクト', 'プロジェクト', 'projects'],
  },
  findings: {
    projectId: ['プロジェクト', 'プロジェクトID', 'テーマ名', 'テーマ', 'project', 'theme'],
    statementJa: ['解析結果', '知見', '結果', '解析結果（日本語）', 'statement', 'finding'],
    statementEn: ['解析結果（英語）', '知見（英語）'],
    materialJa: ['試料', '素材', 'サンプル', '試料（日本語）', 'material', 'sample'],
    materialEn: ['試料（英語）'],
    comparisonJa: ['比較', '比較条件', '比較（日本語）', 'comparison'],
    comparisonEn: ['比較（英語）'],
    platform: ['分析手法', '分析装置', '手法'],
    evidenceLevel: ['エビデンスの段階', 'エビデンス', '段階', 'evidence'],
    reportedOn: ['報告日', '日付', 'date'],
  },
}

/** Fields not suggested by their own name: the projects export's `partners` column is their count. */
const NOT_BY_OWN_NAME = new Set(['partners'])

/** Header key → field, for the fields of a kind. */
function aliasesOf(kind: ImportKind, fields: readonly string[]): Map<string, string> {
  const aliases = new Map<string, string>()
  const add = (field: string, headers: string[]) => {
    for (const header of headers) if (!aliases.has(columnKey(header))) aliases.set(columnKey(header), field)
  }
  // The kind's own words first: they win over the common ones (`年度` is a project's adoption FY).
  for (const field of fields)
    add(field, [...(NOT_BY_OWN_NAME.has(field) ? [] : [field]), ...(BY_KIND[kind][field] ?? [])])
  for (const field of fields) add(field, COMMON[field] ?? [])
  return aliases
}

/** For each header, the field it suggests (a field goes to its first column only); null where none. */
export function suggestFields(kind: ImportKind, fields: readonly string[], headers: readonly string[]) {
  const aliases = aliasesOf(kind, fields)
  const taken = new Set<string>()
  return headers.map((header) => {
    const field = aliases.get(columnKey(header))
    if (field === undefined || taken.has(field)) return null
    taken.add(field)
    return field
  })
}

/** Title rows above a header are passed over within this many rows. */
const HEADER_SEARCH_ROWS = 30

/**
 * The header row: the first of the first rows that names at least two of the kind's fields, else the first
 * row (its columns are then mapped by hand). undefined for a file without rows.
 */
export function findHeader(kind: ImportKind, fields: readonly string[], rows: readonly TableRow[]) {
  const candidates = rows.slice(0, HEADER_SEARCH_ROWS).filter((row) => !isBlankOrNote(row.cells))
  const named = (row: TableRow) => suggestFields(kind, fields, row.cells).filter((f) => f !== null).length
  return candidates.find((row) => named(row) >= 2) ?? candidates[0]
}
