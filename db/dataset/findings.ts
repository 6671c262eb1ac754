import type { NewFinding, NewMetaboliteResult } from '../tables/findings.ts'

export type FindingRecord = Omit<NewFinding, 'projectId' | 'ref'> & {
  ref: string
  project: string
  metabolites?: Omit<NewMetaboliteResult, 'findingId'>[]
}

// The analyses the featured texts describe. No platform, date or fold change is given for any of them,
// so those stay empty; identifiers are only given for metabolites the text names.
export const findings: FindingRecord[] = [
  // JA櫛引農工連: 「メタボローム解析を行い、原材料と比べ、必須アミノ酸などの機能性があると言われている
  // アミノ酸類が増加していることが分かりました。また、動物試験により抗糖尿病効果が期待できる研究結果」
  {
    ref: 'brochure-2018/ja-kushibiki/amino-acids',
    project: 'brochure-2018/ja-kushibiki',
    statementJa:
      'メタボローム解析の結果、原材料と比べ、必須アミノ酸など機能性があるとされるアミノ酸類が増加していた。',
    statementEn:
      'Metabolome analysis showed that amino acids said to be functional, essential amino acids among them, ' +
      'increased compared with the raw materials.',
    materialJa: '米麹を活用した野菜飲料「ベジスープあまざけ」',
    materialEn: 'Vegetable drink made with rice koji (Vegi-soup Amazake)',
    comparisonJa: '製品 vs 原材料',
    comparisonEn: 'product vs raw materials',
    evidenceLevel: 'analytical',
  },
  {
    ref: 'brochure-2018/ja-kushibiki/anti-diabetic',
    project: 'brochure-2018/ja-kushibiki',
    statementJa: '動物試験により抗糖尿病効果が期待できる研究結果が得られた。',
    statementEn: 'An animal study gave results suggesting an anti-diabetic effect.',
    materialJa: '米麹を活用した野菜飲料「ベジスープあまざけ」',
    materialEn: 'Vegetable drink made with rice koji (Vegi-soup Amazake)',
    evidenceLevel: 'animal',
  },
  // ㈱東北ハム, 平成25年度: 「短期熟成生ハムをメタボローム解析と官能試験で評価した結果から、味の違いを
  // メタボローム解析によって捉えられることが分かり…呈味性成分と官能試験の関係についても、傾向を把握」
  {
    ref: 'brochure-2018/tohoku-ham-fy2013/taste',
    project: 'brochure-2018/tohoku-ham-fy2013',
    statementJa:
      '短期熟成生ハムの味の違いをメタボローム解析で捉えられることが分かり、製法や原材料の違い、呈味性成分と官能試験の関係の傾向を把握した。',
    statementEn:
      'Differences in the taste of short-aged prosciutto can be captured by metabolome analysis; trends ' +
      'linking production method, raw materials and taste-active components to sensory test results were identified.',
    materialJa: '短期熟成生ハム',
    materialEn: 'Short-aged prosciutto',
    comparisonJa: '製法・原材料の違い、官能試験',
    comparisonEn: 'production methods and raw materials, against sensory tests',
    evidenceLevel: 'analytical',
  },
  // ㈱東北ハム, 平成28年度: 「熟成期間等の違いによる味と代謝成分を調べ」
  {
    ref: 'brochure-2018/tohoku-ham-fy2016/aging',
    project: 'brochure-2018/tohoku-ham-fy2016',
    statementJa:
      '熟成期間等の違いによる味と代謝成分を調べ、長期熟成骨付き生ハムの品質評価と製造方法の確立に用いた。',
    statementEn:
      'Taste and metabolites were compared across aging periods and used to evaluate quality and establish ' +
      'the production method of long-aged bone-in prosciutto.',
    materialJa: '長期熟成骨付き生ハム',
    materialEn: 'Long-aged bone-in prosciutto',
    comparisonJa: '熟成期間の違い',
    comparisonEn: 'different aging periods',
    evidenceLevel: 'analytical',
  },
  // ㈲舟形マッシュルーム: 「メタボローム解析技術を活用した機能性成分探索や乾燥条件等加工技術開発」
  {
    ref: 'brochure-2018/funagata-mushroom/functional-components',
    project: 'brochure-2018/funagata-mushroom',
    statementJa:
      'メタボローム解析技術を活用して自社栽培マッシュルームの機能性成分を探索し、乾燥条件等の加工技術を開発した。',
    statementEn:
      'Functional components of the company’s own mushrooms were searched for with metabolome analysis, and ' +
      'processing such as drying conditions was developed.',
    materialJa: 'マッシュルーム（自社栽培）',
    materialEn: 'Mushrooms grown by the company',
    comparisonJa: '乾燥条件等の加工条件',
    comparisonEn: 'processing conditions such as drying',
    evidenceLevel: 'analytical',
  },
  // ㈱でん六: 「ハイオレイックピーナッツ胚芽の特性解析…加工条件による成分変化や機能性評価等の研究成果」
  {
    ref: 'brochure-2018/denroku/peanut-germ',
    project: 'brochure-2018/denroku',
    statementJa: 'ハイオレイックピーナッツ胚芽の特性を解析し、加工条件による成分変化と機能性を評価した。',
    statementEn:
      'High-oleic peanut germ was characterized, and the change of its components with processing conditions ' +
      'and its functionality were evaluated.',
    materialJa: 'ハイオレイックピーナッツ胚芽（製造過程で排出される落花生胚芽）',
    materialEn: 'High-oleic peanut germ (a by-product of manufacturing)',
    comparisonJa: '加工条件の違い',
    comparisonEn: 'processing conditions',
    evidenceLevel: 'analytical',
  },
  // Timeline, earlier program: プレスリリース「柿は加熱調理すると健康成分が増加する～食品加工工程における
  // 加熱処理によりGABAやシトルリンが増加することをメタボローム解析技術で確認～」
  {
    ref: 'brochure-2018/regional-innovation/heated-persimmon',
    project: 'brochure-2018/regional-innovation',
    statementJa:
      '柿は加熱調理すると健康成分が増加する。食品加工工程における加熱処理によりGABAやシトルリンが増加することをメタボローム解析技術で確認した。',
    statementEn:
      'Cooking persimmon increases its health components: metabolome analysis confirmed that heat treatment ' +
      'in food processing increases GABA and citrulline.',
    materialJa: '柿',
    materialEn: 'Persimmon',
    comparisonJa: '加熱 vs 生',
    comparisonEn: 'heated vs raw',
    evidenceLevel: 'analytical',
    // Identifiers are the public database entries of the two compounds the press release names.
    metabolites: [
      {
        name: 'GABA (γ-aminobutyric acid)',
        hmdbId: 'HMDB0000112',
        keggId: 'C00334',
        chebiId: 'CHEBI:16865',
        pubchemCid: 119,
        inchikey: 'BTCSSZJGUNDROE-UHFFFAOYSA-N',
        direction: 'up',
      },
      {
        name: 'L-Citrulline',
        hmdbId: 'HMDB0000904',
        keggId: 'C00327',
        chebiId: 'CHEBI:16349',
        pubchemCid: 9750,
        inchikey: 'RHGKLRLOHDJJDR-BYPYZUCNSA-N',
        direction: 'up',
      },
    ],
  },
]
