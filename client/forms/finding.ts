import type { EvidenceLevel, Finding, FindingCreate } from '../../server/schemas/findings.ts'
import { BodyBuilder, type FieldProblem, textOrNull } from '../composables/field-errors.ts'
import { type Publication, publicationOf, rowKey, shown } from './common.ts'

type Direction = NonNullable<Finding['metaboliteResults'][number]['direction']>

export interface MetaboliteDraft {
  key: number
  name: string
  hmdbId: string
  keggId: string
  chebiId: string
  pubchemCid: string
  inchikey: string
  direction: Direction | ''
  foldChange: string
  pValue: string
}

export interface FindingDraft extends Publication {
  projectId: number | undefined
  statementJa: string
  statementEn: string
  materialJa: string
  materialEn: string
  comparisonJa: string
  comparisonEn: string
  platform: string
  evidenceLevel: EvidenceLevel
  reportedOn: string
  /**
   * The rows the form edits; null when it holds the finding's results read-only: results imported from a file
   * (which carry columns a PATCH cannot), or more than the finding's detail names. Those are never sent.
   */
  metaboliteResults: MetaboliteDraft[] | null
}

export const emptyMetabolite = (): MetaboliteDraft => ({
  key: rowKey(),
  name: '',
  hmdbId: '',
  keggId: '',
  chebiId: '',
  pubchemCid: '',
  inchikey: '',
  direction: '',
  foldChange: '',
  pValue: '',
})

/** Whether the form may replace the finding's results: a set entered by hand that the detail names whole. */
export const editsMetabolites = (finding: Finding | undefined) =>
  !finding || (finding.importedCount === 0 && finding.metaboliteCount <= finding.metaboliteResults.length)

const metaboliteDraft = (m: Finding['metaboliteResults'][number]): MetaboliteDraft => ({
  key: rowKey(),
  name: shown(m.name),
  hmdbId: shown(m.hmdbId),
  keggId: shown(m.keggId),
  chebiId: shown(m.chebiId),
  pubchemCid: shown(m.pubchemCid),
  inchikey: shown(m.inchikey),
  direction: m.direction ?? '',
  foldChange: shown(m.foldChange),
  pValue: shown(m.pValue),
})

export function findingDraft(finding: Finding | undefined, projectId?: number): FindingDraft {
  return {
    projectId: finding?.projectId ?? projectId,
    statementJa: finding?.statementJa ?? '',
    statementEn: shown(finding?.statementEn),
    materialJa: shown(finding?.materialJa),
    materialEn: shown(finding?.materialEn),
    comparisonJa: shown(finding?.comparisonJa),
    comparisonEn: shown(finding?.comparisonEn),
    platform: shown(finding?.platform),
    evidenceLevel: finding?.evidenceLevel ?? 'analytical',
    reportedOn: shown(finding?.reportedOn),
    ...publicationOf(finding),
    // The API names results the most significant first; the editor keeps the order they were entered in.
    metaboliteResults: editsMetabolites(finding)
      ? [...(finding?.metaboliteResults ?? [])].sort((a, b) => a.id - b.id).map(metaboliteDraft)
      : null,
  }
}

export interface BodyOptions {
  /** The user sets visibility and embargo (managers, admins); a partner's body leaves them out. */
  publish: boolean
  messages: ConstructorParameters<typeof BodyBuilder>[0]
}

/** A PubChem CID as a number when it is one; other text goes as typed, for the API to normalize or refuse. */
const cid = (value: string) => (/^\s*\d+\s*$/.test(value) ? Number(value) : textOrNull(value))

export function findingBody(
  draft: FindingDraft,
  { publish, messages }: BodyOptions,
): { body: FindingCreate; problems: FieldProblem[] } {
  const read = new BodyBuilder(messages)
  const body: FindingCreate = {
    projectId: read.required('projectId', draft.projectId) ?? 0,
    statementJa: read.requiredText('statementJa', draft.statementJa),
    statementEn: textOrNull(draft.statementEn),
    materialJa: textOrNull(draft.materialJa),
    materialEn: textOrNull(draft.materialEn),
    comparisonJa: textOrNull(draft.comparisonJa),
    comparisonEn: textOrNull(draft.comparisonEn),
    platform: textOrNull(draft.platform),
    evidenceLevel: draft.evidenceLevel,
    reportedOn: textOrNull(draft.reportedOn),
  }
  if (draft.metaboliteResults) {
    body.metaboliteResults = draft.metaboliteResults.map((m, i) => ({
      name: textOrNull(m.name),
      hmdbId: textOrNull(m.hmdbId),
      keggId: textOrNull(m.keggId),
      chebiId: textOrNull(m.chebiId),
      pubchemCid: cid(m.pubchemCid),
      inchikey: textOrNull(m.inchikey),
      direction: m.direction === '' ? null : m.direction,
      foldChange: read.decimal(`metaboliteResults.${i}.foldChange`, m.foldChange),
      pValue: read.decimal(`metaboliteResults.${i}.pValue`, m.pValue),
    }))
  }
  if (publish) {
    body.visibility = draft.visibility
    body.embargoUntil = textOrNull(draft.embargoUntil)
  }
  return { body, problems: read.problems }
}
