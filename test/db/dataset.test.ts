import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadDataset } from '../../db/dataset/load.ts'
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts'
import { snapshotTables } from '../helpers/snapshot.ts'

let database: TestDatabase

beforeAll(async () => {
  database = await createTestDatabase({ dataset: true })
})
afterAll(() => database.close())

const query = <T>(text: TemplateStringsArray, ...values: unknown[]) =>
  sql<T>(text, ...values)
    .execute(database.db)
    .then((r) => r.rows)

describe('the brochure dataset', () => {
  it('counts 50 adoptions: 5, 8, 9, 9, 10 and 9 for FY2012-FY2017', async () => {
    // Timeline: 「…研究開発事業5件を採択」…「9件を採択」, and 総採択件数 50件 on the results page.
    const rows = await query<{ fy: number; n: number }>`
      select adopted_fy as fy, count(*) as n from projects p join programs g on g.id = p.program_id
      where g.code = 'bio_cluster' group by adopted_fy order by adopted_fy`
    expect(rows).toEqual([
      { fy: 2012, n: 5 },
      { fy: 2013, n: 8 },
      { fy: 2014, n: 9 },
      { fy: 2015, n: 9 },
      { fy: 2016, n: 10 },
      { fy: 2017, n: 9 },
    ])
    expect(rows.reduce((sum, r) => sum + r.n, 0)).toBe(50)
  })

  it('marks the adoptions it does not describe, and invents no company for them', async () => {
    const [row] = await query<{ described: number; undescribed: number; withCompany: number }>`
      select count(*) filter (where details_known) as described,
             count(*) filter (where not details_known and adopted_fy is not null) as undescribed,
             count(*) filter (where not details_known and lead_org_id is not null) as with_company
      from projects`
    expect(row).toEqual({ described: 5, undescribed: 45, withCompany: 0 })
  })

  it('lists the 24 adopted companies in their municipalities', async () => {
    // 採択実績: 山形市 3, 米沢市 1, 鶴岡市 11, 酒田市 1, 寒河江市 2, and one each in six more.
    const rows = await query<{ municipality: string; n: number }>`
      select municipality, count(*) as n from organizations where listed_as_adopted
      group by municipality order by n desc, municipality`
    expect(rows.reduce((sum, r) => sum + r.n, 0)).toBe(24)
    expect(Object.fromEntries(rows.map((r) => [r.municipality, r.n]))).toEqual({
      鶴岡市: 11,
      山形市: 3,
      寒河江市: 2,
      米沢市: 1,
      酒田市: 1,
      天童市: 1,
      東根市: 1,
      舟形町: 1,
      真室川町: 1,
      高畠町: 1,
      庄内町: 1,
    })
  })

  it("has the institute's six venture companies", async () => {
    // 拠点開発: 「慶應先端研の成果をもとに、ベンチャー企業が６社設立され」
    const rows = await query<{ nameJa: string }>`
      select v.name_ja from organizations v join organizations p on p.id = v.spun_out_of_id
      where v.kind = 'venture' and p.name_ja = '慶應義塾大学先端生命科学研究所' order by v.name_ja`
    expect(rows).toHaveLength(6)
  })

  it('has the seminars with their cities and attendance, 1,204 in all', async () => {
    // Timeline: 参加者数 135, 160, 134, 120 (米沢市), 180, 87 (新庄市), 250, 138.
    const rows = await query<{ fy: number; city: string; attendance: number }>`
      select fy, city, attendance from events order by fy, attendance desc`
    expect(rows).toEqual([
      { fy: 2012, city: '鶴岡市', attendance: 135 },
      { fy: 2013, city: '鶴岡市', attendance: 160 },
      { fy: 2014, city: '鶴岡市', attendance: 134 },
      { fy: 2014, city: '米沢市', attendance: 120 },
      { fy: 2015, city: '山形市', attendance: 180 },
      { fy: 2016, city: '鶴岡市', attendance: 250 },
      { fy: 2016, city: '新庄市', attendance: 87 },
      { fy: 2017, city: '山形市', attendance: 138 },
    ])
    const [total] = await query<{ sum: number }>`select sum(attendance) as sum from events`
    expect(total?.sum).toBe(1204)
  })

  it('dates the bio-cluster products by their launch months and timeline blocks', async () => {
    // ベジスープあまざけ (平成26年度 block), ピーナッツ胚芽チョコ (平成28年2月), two mushroom products
    // (平成29年2月), 庄内プロシュート『ノービレ』 (平成30年1月).
    const rows = await query<{ fy: number; n: number }>`
      select o.fy, count(*) as n from outcomes o join projects p on p.id = o.project_id
      join programs g on g.id = p.program_id
      where g.code = 'bio_cluster' and o.kind in ('product', 'test_sale') group by o.fy order by o.fy`
    expect(rows).toEqual([
      { fy: 2014, n: 1 },
      { fy: 2015, n: 1 },
      { fy: 2016, n: 2 },
      { fy: 2017, n: 1 },
    ])
  })

  it('traces each bio-cluster product to the findings it rests on', async () => {
    const rows = await query<{ title: string; findings: number }>`
      select o.title_ja as title, count(f.finding_id) as findings from outcomes o
      left join outcome_findings f on f.outcome_id = o.id
      where o.kind in ('product', 'test_sale') and o.fy is not null group by o.title_ja`
    expect(rows).toHaveLength(5)
    for (const row of rows) expect(row.findings, row.title).toBeGreaterThan(0)
  })

  it('links the featured projects to their partners', async () => {
    // 連携研究機関: でん六 4, JA櫛引 2, 舟形 3, 東北ハム 2 (both periods).
    const rows = await query<{ ref: string; n: number }>`
      select p.ref, count(*) as n from project_partners pp join projects p on p.id = pp.project_id
      group by p.ref order by p.ref`
    expect(Object.fromEntries(rows.map((r) => [r.ref, r.n]))).toEqual({
      'brochure-2018/denroku': 4,
      'brochure-2018/funagata-mushroom': 3,
      'brochure-2018/ja-kushibiki': 2,
      'brochure-2018/tohoku-ham-fy2013': 2,
      'brochure-2018/tohoku-ham-fy2016': 2,
    })
  })

  it('has the menus with their periods, rates and caps', async () => {
    // Menu tables: シーズ探索型 50万/100万円, 事業化推進型A 500万/250万円, B 250万/500万円 (2 years,
    // 2/3, large 1/3); 販路開拓型 and 雇用促進型 150万円 (1 year, 1/2, large 1/3).
    const rows = await query<{ code: string; maxYears: number; sme: string; large: string; caps: string }>`
      select m.code, m.max_years,
             m.rate_sme_numerator || '/' || m.rate_sme_denominator as sme,
             m.rate_large_numerator || '/' || m.rate_large_denominator as large,
             string_agg(c.cap_yen::text, ',' order by c.project_year) as caps
      from subsidy_menus m join menu_year_caps c on c.menu_id = m.id group by m.id order by m.id`
    expect(rows).toEqual([
      { code: 'seed_exploration', maxYears: 2, sme: '2/3', large: '1/3', caps: '500000,1000000' },
      { code: 'commercialization_a', maxYears: 2, sme: '2/3', large: '1/3', caps: '5000000,2500000' },
      { code: 'commercialization_b', maxYears: 2, sme: '2/3', large: '1/3', caps: '2500000,5000000' },
      { code: 'market_development', maxYears: 1, sme: '1/2', large: '1/3', caps: '1500000' },
      { code: 'employment', maxYears: 1, sme: '1/2', large: '1/3', caps: '1500000' },
    ])
  })

  it('records GABA and citrulline rising in heated persimmon', async () => {
    const rows = await query<{ keggId: string; direction: string; comparison: string }>`
      select m.kegg_id, m.direction, f.comparison_en as comparison from metabolite_results m
      join findings f on f.id = m.finding_id order by m.kegg_id`
    expect(rows).toEqual([
      { keggId: 'C00327', direction: 'up', comparison: 'heated vs raw' },
      { keggId: 'C00334', direction: 'up', comparison: 'heated vs raw' },
    ])
  })

  it('changes nothing when loaded a second time', async () => {
    const before = await snapshotTables(database.db)
    await loadDataset(database.db)
    expect(await snapshotTables(database.db)).toEqual(before)
  })
})
