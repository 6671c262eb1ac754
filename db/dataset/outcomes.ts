import type { NewOutcome } from '../tables/outcomes.ts'

export type OutcomeRecord = Omit<NewOutcome, 'projectId' | 'ref'> & {
  ref: string
  project: string
  restsOn: string[]
}

// Launch months in the featured texts fix the fiscal year; the timeline block fixes it where no month is
// given. `fy` must equal the fiscal year of `occurredOn` (a database CHECK).
const bioCluster: OutcomeRecord[] = [
  // JA櫛引農工連: 「FOODEX JAPAN 2014」において第２回「FOODEX美食女子」グランプリ金賞を受賞. FOODEX JAPAN 2014
  // was held in March 2014, FY2013: before the project (平成26年度～) began.
  {
    ref: 'brochure-2018/ja-kushibiki/foodex-award',
    project: 'brochure-2018/ja-kushibiki',
    kind: 'award',
    titleJa: '「FOODEX JAPAN 2014」第２回「FOODEX美食女子」グランプリ金賞',
    titleEn: 'Gold prize, 2nd “FOODEX Bishoku Joshi” Grand Prix, FOODEX JAPAN 2014',
    descriptionJa: 'ベジスープあまざけが健康機能性の高い食品として評価を受けた。',
    descriptionEn: 'Vegi-soup Amazake recognized as a food with high health functionality.',
    fy: 2013,
    restsOn: [],
  },
  // Timeline, 平成26年度 block: 「ベジスープあまざけ（かぼちゃ,にんじん,さつまいも）を商品化」
  {
    ref: 'brochure-2018/ja-kushibiki/vegi-soup-amazake',
    project: 'brochure-2018/ja-kushibiki',
    kind: 'product',
    titleJa: 'ベジスープあまざけ（かぼちゃ、にんじん、さつまいも）',
    titleEn: 'Vegi-soup Amazake (pumpkin, carrot, sweet potato)',
    fy: 2014,
    restsOn: ['brochure-2018/ja-kushibiki/amino-acids', 'brochure-2018/ja-kushibiki/anti-diabetic'],
  },
  // ㈱でん六: 「ピーナッツ胚芽チョコ」を平成28年2月から試験販売 (timeline, 平成27年度 block: 商品化)
  {
    ref: 'brochure-2018/denroku/peanut-germ-chocolate',
    project: 'brochure-2018/denroku',
    kind: 'test_sale',
    titleJa: 'ピーナッツ胚芽チョコ',
    titleEn: 'Peanut Germ Chocolate',
    descriptionJa: '平成28年2月から試験販売。',
    descriptionEn: 'On test sale since February 2016.',
    fy: 2015,
    occurredOn: '2016-02-01',
    datePrecision: 'month',
    restsOn: ['brochure-2018/denroku/peanut-germ'],
  },
  // ㈲舟形マッシュルーム: 平成29年2月から新商品…を販売
  ...['マッシュルームとオニオンのペペロンチーノ', 'マッシュルームとクリームスープの素'].map(
    (titleJa, i): OutcomeRecord => ({
      ref: `brochure-2018/funagata-mushroom/product-${i + 1}`,
      project: 'brochure-2018/funagata-mushroom',
      kind: 'product',
      titleJa,
      titleEn: ['Mushroom and onion peperoncino', 'Mushroom cream soup base'][i] ?? null,
      descriptionJa: '乾燥マッシュルーム入り新商品。平成29年2月から販売。',
      descriptionEn: 'New products with dried mushrooms, on sale since February 2017.',
      fy: 2016,
      occurredOn: '2017-02-01',
      datePrecision: 'month',
      restsOn: ['brochure-2018/funagata-mushroom/functional-components'],
    }),
  ),
  // ㈱東北ハム: 平成30年1月から新商品18ヶ月熟成国産骨付きもも生ハム「庄内プロシュート『ノービレ』」を販売
  {
    ref: 'brochure-2018/tohoku-ham/nobile',
    project: 'brochure-2018/tohoku-ham-fy2016',
    kind: 'product',
    titleJa: '18ヶ月熟成国産骨付きもも生ハム「庄内プロシュート『ノービレ』」',
    titleEn: '“Shonai Prosciutto Nobile”, domestic bone-in ham aged 18 months',
    fy: 2017,
    occurredOn: '2018-01-01',
    datePrecision: 'month',
    restsOn: ['brochure-2018/tohoku-ham-fy2016/aging', 'brochure-2018/tohoku-ham-fy2013/taste'],
  },
]

// Timeline, the earlier program's results, listed without dates (the year column of that page is not
// in the text), so their fiscal years stay unknown.
const earlier = (
  slug: string,
  kind: OutcomeRecord['kind'],
  titleJa: string,
  titleEn: string,
  restsOn: string[] = [],
): OutcomeRecord => ({
  ref: `brochure-2018/regional-innovation/${slug}`,
  project: 'brochure-2018/regional-innovation',
  kind,
  titleJa,
  titleEn,
  fy: null,
  restsOn,
})

const earlierProgram: OutcomeRecord[] = [
  earlier(
    'harune-application',
    'variety_application',
    'フキノトウ「春音」品種登録出願',
    'Plant variety application: butterbur “Harune”',
  ),
  earlier(
    'harune-registration',
    'variety_registration',
    'フキノトウ「春音」品種登録',
    'Plant variety registered: butterbur “Harune”',
  ),
  earlier(
    'kakisu-1',
    'product',
    '柿酢贅沢ストレート（柿味、さくらんぼ味、ラ・フランス味）',
    'Kakisu Zeitaku Straight persimmon vinegar (persimmon, cherry, La France pear)',
  ),
  earlier(
    'kakisu-2',
    'product',
    '柿酢贅沢ストレート（和梨味）',
    'Kakisu Zeitaku Straight persimmon vinegar (Japanese pear)',
  ),
  earlier(
    'heated-persimmon-press-release',
    'press_release',
    '柿は加熱調理すると健康成分が増加する～食品加工工程における加熱処理によりGABAやシトルリンが増加することをメタボローム解析技術で確認～',
    'Cooking persimmon increases its health components: heat treatment raises GABA and citrulline, confirmed by metabolome analysis',
    ['brochure-2018/regional-innovation/heated-persimmon'],
  ),
  earlier('yellow-magic', 'product', 'イエローマジックジュー酢', 'Yellow Magic Ju-su'),
  earlier('natural-sweeter', 'product', '庄内ナチュラルスィーター', 'Shonai Natural Sweeter'),
  earlier('fruit-confiture', 'product', 'フルーツコンフィチュール', 'Fruit confiture'),
  earlier('persimmon-paste', 'product', '庄内柿ペースト', 'Shonai persimmon paste'),
]

export const outcomes: OutcomeRecord[] = [...bioCluster, ...earlierProgram]
