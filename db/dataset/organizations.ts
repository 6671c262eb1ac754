import type { NewOrganization } from '../tables/organizations.ts'

export type OrganizationRecord = Omit<NewOrganization, 'spunOutOfId'> & { spunOutOf?: string }

const IAB = '慶應義塾大学先端生命科学研究所'

// Brochure, 「採択実績（平成24年度～平成29年度）」: the adopted companies by municipality. The brochure
// gives neither their size (SME or large) nor the years each was adopted, so both stay unknown.
const adopted = (nameJa: string, municipality: string, extra: Partial<OrganizationRecord> = {}) =>
  ({ kind: 'company', nameJa, municipality, listedAsAdopted: true, ...extra }) satisfies OrganizationRecord

const adoptedCompanies: OrganizationRecord[] = [
  adopted('㈱でん六', '山形市', { nameEn: 'Denroku Co., Ltd.' }),
  adopted('㈱モス山形', '山形市'),
  adopted('山形県酒造組合', '山形市', { kind: 'cooperative', nameEn: 'Yamagata Sake Brewers Association' }),
  adopted('㈱ゆきんこ', '米沢市'),
  adopted('㈱高研', '鶴岡市'),
  adopted('㈱山本組', '鶴岡市'),
  adopted('㈲米作', '鶴岡市'),
  adopted('昭和化学工業㈱', '鶴岡市'),
  adopted('㈱東北ハム', '鶴岡市', { nameEn: 'Tohoku Ham Co., Ltd.' }),
  adopted('㈱庄内クリエート工業', '鶴岡市'),
  adopted('櫛引農村工業農業協同組合連合会', '鶴岡市', {
    kind: 'cooperative',
    nameEn: 'JA Kushibiki Federation of Agricultural Processing Cooperatives',
    note: 'JA櫛引農工連',
  }),
  // The three ventures below are also listed among the institute's spin-outs (拠点開発 page).
  adopted('㈱サリバテック', '鶴岡市', { kind: 'venture', nameEn: 'Salivatech Co., Ltd.', spunOutOf: IAB }),
  adopted('㈱メタジェン', '鶴岡市', { kind: 'venture', nameEn: 'Metagen Inc.', spunOutOf: IAB }),
  adopted('冨士酒造㈱', '鶴岡市'),
  adopted('㈱MOLCURE', '鶴岡市', { kind: 'venture', nameEn: 'MOLCURE Inc.', spunOutOf: IAB }),
  adopted('㈱みどりサービス', '酒田市', { note: '山形県農村工業農業協同組合連合会' }),
  adopted('日東ベスト㈱', '寒河江市'),
  adopted('角田商事㈱', '寒河江市'),
  adopted('三和油脂㈱', '天童市'),
  adopted('㈱機能性ペプチド研究所', '東根市'),
  adopted('㈲舟形マッシュルーム', '舟形町', { nameEn: 'Funagata Mushroom Ltd.' }),
  adopted('山形企画㈱', '真室川町'),
  adopted('㈲後藤屋', '高畠町'),
  adopted('ハーブ研究所スパール', '庄内町'),
]

// Brochure, featured projects' 「連携研究機関」 lines, and the glossary's English names.
const partnerInstitutions: OrganizationRecord[] = [
  { kind: 'university', nameJa: IAB, nameEn: 'Keio University Institute for Advanced Biosciences (IAB)' },
  { kind: 'university', nameJa: '山形大学農学部', nameEn: 'Yamagata University, Faculty of Agriculture' },
  {
    kind: 'university',
    nameJa: '山形県立米沢栄養大学',
    nameEn: 'Yamagata Prefectural Yonezawa University of Nutrition Sciences',
  },
  {
    kind: 'public_lab',
    nameJa: '山形県工業技術センター庄内試験場',
    nameEn: 'Yamagata Research Institute of Technology, Shonai branch',
  },
  {
    kind: 'venture',
    nameJa: 'ヒューマン・メタボローム・テクノロジーズ㈱',
    nameEn: 'Human Metabolome Technologies, Inc. (HMT)',
    spunOutOf: IAB,
  },
]

// Brochure, 拠点開発 page: the institute's other venture companies (six in all with HMT and the three
// adopted ones) and the research bodies gathered around it in Tsuruoka.
const cluster: OrganizationRecord[] = [
  { kind: 'venture', nameJa: 'Spiber㈱', nameEn: 'Spiber Inc.', spunOutOf: IAB },
  { kind: 'venture', nameJa: '㈱メトセラ', nameEn: 'Metcela Inc.', spunOutOf: IAB },
  {
    kind: 'public_lab',
    nameJa: '理化学研究所環境資源科学研究センター',
    nameEn: 'RIKEN Center for Sustainable Resource Science',
  },
  {
    kind: 'public_lab',
    nameJa: '国立がん研究センター鶴岡連携研究拠点',
    nameEn: 'National Cancer Center, Tsuruoka',
  },
  {
    kind: 'university',
    nameJa: '鶴岡工業高等専門学校',
    nameEn: 'National Institute of Technology, Tsuruoka College',
  },
]

// Brochure, back cover and 推進体制: the program office and the second contact point.
const agencies: OrganizationRecord[] = [
  {
    kind: 'agency',
    nameJa: '公益財団法人 庄内地域産業振興センター',
    nameEn: 'Shonai Regional Industry Promotion Center',
    municipality: '鶴岡市',
  },
  {
    kind: 'agency',
    nameJa: '公益財団法人 山形県産業技術振興機構',
    nameEn: 'Yamagata Industrial Technology Promotion Organization',
    municipality: '山形市',
  },
]

// Spin-out parents come first so later records can point at them.
export const organizations: OrganizationRecord[] = [
  ...partnerInstitutions,
  ...adoptedCompanies,
  ...cluster,
  ...agencies,
]
