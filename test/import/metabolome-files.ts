import ExcelJS from 'exceljs'
import { encodeShiftJis } from '../helpers/shift-jis.ts'

// Result files in the layouts labs and repositories deliver them, written by the tests. Each holds the same
// messy cases: several identifiers in one cell (spaces, full-width spaces, commas, semicolons), N.D. for not
// detected, old five-digit HMDB ids, PubChem 0 for "none", an unidentified peak, a row without values.

const CRLF = '\r\n'

/**
 * A CE-TOFMS delivery table as a Japanese lab's Excel saves it: title rows, Japanese headers, a value per
 * sample and the groups' means, the ratio and the p-value, footnotes; Shift_JIS, CRLF.
 */
export function japaneseLabCsv(): Buffer {
  const rows = [
    ['メタボローム解析結果報告書'],
    ['試料: 加熱柿 vs 生柿', '測定: CE-TOFMS'],
    [],
    [
      'ID',
      '化合物名',
      'HMDB ID',
      'KEGG ID',
      'PubChem CID',
      'm/z',
      'MT(分)',
      '加熱_1',
      '加熱_2',
      '生_1',
      '生_2',
      '比(加熱/生)',
      'p値',
      '備考',
    ],
    [
      'C_0001',
      'GABA',
      'HMDB00112',
      'C00334',
      '119',
      '104.0706',
      '5.12',
      '120',
      '140',
      '50',
      '50',
      '2.6',
      '0.004',
      '',
    ],
    [
      'C_0002',
      'クエン酸',
      'HMDB0000094\u3000HMDB00094',
      'C00158',
      '0',
      '191.0197',
      '12.34',
      '300',
      '310',
      '610',
      '600',
      '0.5',
      '<0.001',
      '二重登録',
    ],
    [
      'C_0003',
      'Tyr',
      'HMDB0000158, HMDB00158',
      'C00082;C01536',
      '6057',
      '182.0812',
      '9.87',
      'N.D.',
      'N.D.',
      '8',
      '9',
      '0',
      'N.D.',
      '',
    ],
    [
      'C_0004',
      '',
      '',
      '',
      '',
      '146.0461',
      '10.01',
      '1,234',
      '1,300',
      '1,000',
      '1,100',
      '1.15',
      '0.21',
      '未同定',
    ],
    ['C_0005', 'ソルビトール', '', 'cpd:C00794', '', '', '', '', '', '', '', '', '', '値なし'],
    [],
    ['※ N.D.: 検出限界以下'],
  ]
  const text = rows.map((cells) => cells.map(csvCell).join(',')).join(CRLF) + CRLF
  return encodeShiftJis(text)
}

/** The same results with English headers, UTF-8 with a BOM (Excel's "CSV UTF-8"), LF. */
export function englishLabCsv(options: { badRow?: boolean } = {}): Buffer {
  const rows = [
    [
      'Compound name',
      'HMDB',
      'KEGG',
      'ChEBI',
      'InChIKey',
      'm/z',
      'RT (min)',
      'Heated_mean',
      'Raw_mean',
      'Fold change',
      'p-value',
    ],
    [
      'GABA',
      'HMDB00112',
      'C00334',
      'CHEBI:16865',
      'BTCSSZJGUNDROE-UHFFFAOYSA-N',
      '104.0706',
      '1.2',
      '130',
      '50',
      '2.6',
      '0.004',
    ],
    [
      'Citric acid',
      'HMDB0000094 ; HMDB00094',
      'C00158',
      '30769',
      '',
      '191.0197',
      '3.4',
      '305',
      '605',
      '0.5',
      '1e-4',
    ],
    ['Multi-line\nname', '', 'C00082', '', '', '182.0812', '2.2', 'N.D.', '8.5', '', ''],
    ...(options.badRow ? [['Bad acid', 'HMDB12', 'C0001', '', '', '-5', '1.0', '1', '1', 'x', '2']] : []),
    ['', '', '', '', '', '146.0461', '4.4', '1', '2', '0.5', '0.3'],
  ]
  return Buffer.concat([
    Buffer.from([0xef, 0xbb, 0xbf]),
    Buffer.from(`${rows.map((cells) => cells.map(csvCell).join(',')).join('\n')}\n`),
  ])
}

/** A workbook with a cover sheet, then the results sheet (numbers as numbers, a formula for the ratio). */
export async function labXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const cover = workbook.addWorksheet('表紙')
  cover.addRow(['メタボローム解析結果'])
  cover.addRow(['山形県 バイオクラスター'])
  const sheet = workbook.addWorksheet('結果')
  sheet.addRow(['解析結果一覧'])
  sheet.addRow([])
  sheet.addRow(['化合物名', 'HMDB', 'KEGG', 'm/z', 'MT', '加熱_平均', '生_平均', '比', 'p値'])
  sheet.addRow([
    'GABA',
    'HMDB00112',
    'C00334',
    104.0706,
    5.12,
    130,
    50,
    { formula: 'F4/G4', result: 2.6 },
    0.004,
  ])
  sheet.addRow([
    'クエン酸',
    'HMDB0000094',
    'C00158',
    191.0197,
    12.34,
    305,
    610,
    { formula: 'F5/G5', result: 0.5 },
    0.0005,
  ])
  sheet.addRow([
    { richText: [{ text: 'Tyr' }, { text: 'osine' }] },
    'HMDB00158',
    'C00082',
    182.0812,
    9.87,
    'N.D.',
    8.5,
    0,
    'N.D.',
  ])
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** A MetaboLights assignment file: every cell quoted, the standard columns, then one column per sample. */
export function mafTsv(): Buffer {
  const header = [
    'database_identifier',
    'chemical_formula',
    'smiles',
    'inchi',
    'metabolite_identification',
    'mass_to_charge',
    'fragmentation',
    'modifications',
    'charge',
    'retention_time',
    'taxid',
    'species',
    'database',
    'database_version',
    'reliability',
    'uri',
    'search_engine',
    'search_engine_score',
    'smallmolecule_abundance_sub',
    'smallmolecule_abundance_stdev_sub',
    'smallmolecule_abundance_std_error_sub',
    'Heated_1',
    'Heated_2',
    'Raw_1',
    'Raw_2',
  ]
  const row = (id: string, formula: string, name: string, mz: string, rt: string, values: string[]) => [
    id,
    formula,
    '',
    '',
    name,
    mz,
    '',
    '[M+H]+',
    '1',
    rt,
    '3702',
    'Diospyros kaki',
    'HMDB',
    '5.0',
    '1',
    '',
    '',
    '',
    '',
    '',
    '',
    ...values,
  ]
  const rows = [
    header,
    row('CHEBI:16865', 'C4H9NO2', 'GABA', '104.0706', '1.23', ['120', '140', '50', '50']),
    row('HMDB00094|CHEBI:30769', 'C6H8O7', 'Citric acid', '191.0197', '3.40', ['300', '310', '610', '600']),
    row('unknown', '', 'unknown', '146.0461', '4.40', ['10', '12', '', '']),
  ]
  return Buffer.from(`${rows.map((cells) => cells.map((c) => `"${c}"`).join('\t')).join('\n')}\n`)
}

/** An mwTab text file as the Workbench writes it: sections, the data block, then METABOLITES. */
export function mwtabText(): Buffer {
  const lines = [
    '#METABOLOMICS WORKBENCH STUDY_ID:ST000001 ANALYSIS_ID:AN000001',
    'VERSION             \t1',
    'CREATED_ON          \t2026-11-28',
    '#PROJECT',
    'PR:PROJECT_TITLE                 \tPersimmon heating',
    '#SUBJECT_SAMPLE_FACTORS:         \tSUBJECT(optional)[tab]SAMPLE[tab]FACTORS(NAME:VALUE pairs separated by |)[tab]Additional sample data',
    'SUBJECT_SAMPLE_FACTORS           \t-\tS1\tTreatment:Heated | Cultivar:Hiratanenashi\t',
    'SUBJECT_SAMPLE_FACTORS           \t-\tS2\tTreatment:Heated | Cultivar:Hiratanenashi\t',
    'SUBJECT_SAMPLE_FACTORS           \t-\tS3\tTreatment:Raw | Cultivar:Hiratanenashi\t',
    'SUBJECT_SAMPLE_FACTORS           \t-\tS4\tTreatment:Raw | Cultivar:Hiratanenashi\t',
    '#MS',
    'MS:INSTRUMENT_NAME               \tAgilent 7100 CE',
    '#MS_METABOLITE_DATA',
    'MS_METABOLITE_DATA:UNITS\tPeak area',
    'MS_METABOLITE_DATA_START',
    'Samples\tS1\tS2\tS3\tS4',
    'Factors\tTreatment:Heated | Cultivar:Hiratanenashi\tTreatment:Heated | Cultivar:Hiratanenashi\tTreatment:Raw | Cultivar:Hiratanenashi\tTreatment:Raw | Cultivar:Hiratanenashi',
    'GABA\t120\t140\t50\t50',
    'citric acid\t300\t310\t610\t600',
    'tyrosine\t\t\t8\t9',
    'MS_METABOLITE_DATA_END',
    '#METABOLITES',
    'METABOLITES_START',
    'metabolite_name\tmoverz_quant\tri\tri_type\tpubchem_id\tinchi_key\tkegg_id\thmdb_id\tother_id\tother_id_type',
    'GABA\t104.0706\t522741\tFiehn\t119\tBTCSSZJGUNDROE-UHFFFAOYSA-N\tC00334\tHMDB00112\t205673\tBinBase',
    'Citric Acid\t191.0197\t617288\tFiehn\t311\t\tC00158\tHMDB0000094\t199168\tBinBase',
    'sucrose\t271\t915457\tFiehn\t5988\t\tC00089\t\t202121\tBinBase',
    'METABOLITES_END',
    '#END',
  ]
  return Buffer.from(`${lines.join('\n')}\n`)
}

/** The same study in the Workbench's JSON form. */
export function mwtabJson(): Buffer {
  const sample = (id: string, treatment: string) => ({
    'Subject ID': '-',
    'Sample ID': id,
    Factors: { Treatment: treatment, Cultivar: 'Hiratanenashi' },
  })
  const document = {
    'METABOLOMICS WORKBENCH': {
      STUDY_ID: 'ST000001',
      ANALYSIS_ID: 'AN000001',
      VERSION: '1',
      CREATED_ON: '2026-11-28',
    },
    PROJECT: { PROJECT_TITLE: 'Persimmon heating \u67ff' },
    SUBJECT_SAMPLE_FACTORS: [
      sample('S1', 'Heated'),
      sample('S2', 'Heated'),
      sample('S3', 'Raw'),
      sample('S4', 'Raw'),
    ],
    MS: { INSTRUMENT_NAME: 'Agilent 7100 CE' },
    MS_METABOLITE_DATA: {
      Units: 'Peak area',
      Data: [
        { Metabolite: 'GABA', S1: '120', S2: '140', S3: '50', S4: '50' },
        { Metabolite: 'citric acid', S1: 300, S2: 310, S3: 610, S4: 600 },
        { Metabolite: 'tyrosine', S1: '', S2: '', S3: '8', S4: '9' },
      ],
      Metabolites: [
        {
          Metabolite: 'GABA',
          moverz_quant: '104.0706',
          pubchem_id: '119',
          kegg_id: 'C00334',
          hmdb_id: 'HMDB00112',
        },
        {
          Metabolite: 'citric acid',
          moverz_quant: '191.0197',
          pubchem_id: '311',
          kegg_id: 'C00158',
          hmdb_id: '',
        },
        { Metabolite: 'sucrose', moverz_quant: '271', pubchem_id: '5988', kegg_id: 'C00089', hmdb_id: '' },
      ],
    },
  }
  return Buffer.from(JSON.stringify(document, null, 2))
}

function csvCell(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell
}
