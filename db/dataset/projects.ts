import type { NewProject } from '../tables/projects.ts'
import { BIO_CLUSTER, REGIONAL_INNOVATION } from './programs.ts'

export type ProjectRecord = Omit<NewProject, 'programId' | 'menuId' | 'leadOrgId' | 'ref'> & {
  ref: string
  program: string
  leadOrg?: string
  partners: string[]
}

const IAB = '慶應義塾大学先端生命科学研究所'
const YAMAGATA_AGRICULTURE = '山形大学農学部'
const YONEZAWA_NUTRITION = '山形県立米沢栄養大学'
const SHONAI_LAB = '山形県工業技術センター庄内試験場'
const HMT = 'ヒューマン・メタボローム・テクノロジーズ㈱'

// Brochure, the four featured projects (研究成果 page). Each gives company, period (年度), theme and
// partners (連携研究機関); none gives its subsidy menu, so the menu stays unknown.
const featured: ProjectRecord[] = [
  {
    ref: 'brochure-2018/denroku',
    program: BIO_CLUSTER,
    leadOrg: '㈱でん六',
    adoptedFy: 2013,
    startFy: 2013,
    endFy: 2015,
    themeJa: 'ハイオレイックピーナッツ胚芽の高付加価値化と商品開発',
    themeEn: 'Adding value to high-oleic peanut germ and developing products from it',
    field: 'food',
    status: 'completed',
    partners: [IAB, YAMAGATA_AGRICULTURE, YONEZAWA_NUTRITION, SHONAI_LAB],
    sourceNote: '㈱でん六（平成25年度～27年度）',
  },
  {
    ref: 'brochure-2018/ja-kushibiki',
    program: BIO_CLUSTER,
    leadOrg: '櫛引農村工業農業協同組合連合会',
    adoptedFy: 2014,
    startFy: 2014,
    endFy: 2015,
    themeJa: '米麹を活用した野菜飲料における健康機能性の研究と事業化',
    themeEn: 'Health functions of a vegetable drink made with rice koji, and its commercialization',
    field: 'food',
    status: 'completed',
    partners: [YAMAGATA_AGRICULTURE, HMT],
    sourceNote:
      '櫛引農村工業農業協同組合連合会（JA櫛引農工連）（平成26年度～27年度）. The timeline names the subsidy ' +
      'behind its product メタボローム解析技術活用支援助成事業, which is not one of the menus the brochure lists.',
  },
  {
    ref: 'brochure-2018/funagata-mushroom',
    program: BIO_CLUSTER,
    leadOrg: '㈲舟形マッシュルーム',
    adoptedFy: 2014,
    startFy: 2014,
    endFy: 2017,
    themeJa: 'マッシュルームの機能性解析と加工品開発',
    themeEn: 'Functional analysis of mushrooms and development of processed products',
    field: 'food',
    status: 'completed',
    partners: [IAB, YAMAGATA_AGRICULTURE, SHONAI_LAB],
    sourceNote:
      '㈲舟形マッシュルーム（平成26年度～29年度). Four years exceed every menu’s period, so this is ' +
      'probably several successive adoptions; the brochure does not itemize them.',
  },
  {
    ref: 'brochure-2018/tohoku-ham-fy2013',
    program: BIO_CLUSTER,
    leadOrg: '㈱東北ハム',
    adoptedFy: 2013,
    startFy: 2013,
    endFy: 2013,
    themeJa: '短期熟成生ハムのメタボローム解析と官能試験による評価',
    themeEn: 'Evaluating short-aged prosciutto by metabolome analysis and sensory tests',
    field: 'food',
    status: 'completed',
    partners: [IAB, SHONAI_LAB],
    sourceNote:
      '㈱東北ハム（平成25年度、平成28年度～29年度）: the brochure gives one theme for both periods; this ' +
      'FY2013 record’s theme restates what its text says was done that year.',
  },
  {
    ref: 'brochure-2018/tohoku-ham-fy2016',
    program: BIO_CLUSTER,
    leadOrg: '㈱東北ハム',
    adoptedFy: 2016,
    startFy: 2016,
    endFy: 2017,
    themeJa: '長期熟成骨付き生ハムの品質評価と製法の確立',
    themeEn: 'Quality evaluation and a production method for long-aged bone-in prosciutto',
    field: 'food',
    status: 'completed',
    partners: [IAB, SHONAI_LAB],
    sourceNote: '㈱東北ハム（平成25年度、平成28年度～29年度）',
  },
]

// Brochure, timeline (これまでのバイオクラスター形成に向けた取組み): each fiscal year's block opens with
// 「研究開発事業N件を採択」: 5, 8, 9, 9, 10, 9 for 平成24〜29年度, 50 in all (総採択件数 50件).
export const ADOPTIONS_PER_FY: Record<number, number> = {
  2012: 5,
  2013: 8,
  2014: 9,
  2015: 9,
  2016: 10,
  2017: 9,
}

// The adoptions the brochure counts but does not describe: they count, and say so.
const undescribed: ProjectRecord[] = Object.entries(ADOPTIONS_PER_FY).flatMap(([fy, count]) => {
  const adoptedFy = Number(fy)
  const described = featured.filter((p) => p.adoptedFy === adoptedFy).length
  return Array.from({ length: count - described }, (_, i) => ({
    ref: `brochure-2018/fy${adoptedFy}-adoption-${i + 1}`,
    program: BIO_CLUSTER,
    adoptedFy,
    detailsKnown: false,
    partners: [],
    sourceNote:
      `Counted in the brochure's timeline for FY${adoptedFy}; its company, menu, theme and partners are not ` +
      'given (the brochure lists the adopted companies without their years).',
  }))
})

// Brochure, head of the timeline: results of the earlier program, given without years or projects.
const earlierProgram: ProjectRecord = {
  ref: 'brochure-2018/regional-innovation',
  program: REGIONAL_INNOVATION,
  detailsKnown: false,
  partners: [],
  sourceNote:
    'The results the brochure lists for 地域イノベーション戦略支援プログラム, before the bio-cluster program ' +
    'began; it does not say which projects, companies or years they came from.',
}

export const projects: ProjectRecord[] = [...featured, ...undescribed, earlierProgram]
