import type { ResearchField } from '../../server/schemas/filters.ts'
import type { ProjectCreate, ProjectDetail, ProjectStatus } from '../../server/schemas/projects.ts'
import { BodyBuilder, type FieldProblem, textOrNull } from '../composables/field-errors.ts'
import { type Publication, publicationOf, rowKey, shown } from './common.ts'

export interface PartnerDraft {
  key: number
  orgId: number | undefined
  role: string
}

export interface ProjectDraft extends Publication {
  themeJa: string
  themeEn: string
  adoptedFy: string
  startFy: string
  endFy: string
  menuId: number | null
  leadOrgId: number | null
  field: ResearchField | null
  status: ProjectStatus | null
  detailsKnown: boolean
  sourceNote: string
  partners: PartnerDraft[]
}

export const emptyPartner = (): PartnerDraft => ({ key: rowKey(), orgId: undefined, role: '' })

export function projectDraft(project: ProjectDetail | undefined): ProjectDraft {
  return {
    themeJa: shown(project?.themeJa),
    themeEn: shown(project?.themeEn),
    adoptedFy: shown(project?.adoptedFy),
    startFy: shown(project?.startFy),
    endFy: shown(project?.endFy),
    menuId: project?.menu?.id ?? null,
    leadOrgId: project?.company?.id ?? null,
    field: project?.field ?? null,
    status: project?.status ?? null,
    detailsKnown: project?.detailsKnown ?? true,
    sourceNote: shown(project?.sourceNote),
    ...publicationOf(project),
    partners: (project?.partners ?? []).map((p) => ({ key: rowKey(), orgId: p.org.id, role: shown(p.role) })),
  }
}

/** Projects are the program office's: the body always carries visibility. */
export function projectBody(
  draft: ProjectDraft,
  messages: ConstructorParameters<typeof BodyBuilder>[0],
): { body: ProjectCreate; problems: FieldProblem[] } {
  const read = new BodyBuilder(messages)
  const body: ProjectCreate = {
    themeJa: textOrNull(draft.themeJa),
    themeEn: textOrNull(draft.themeEn),
    adoptedFy: read.integer('adoptedFy', draft.adoptedFy),
    startFy: read.integer('startFy', draft.startFy),
    endFy: read.integer('endFy', draft.endFy),
    menuId: draft.menuId,
    leadOrgId: draft.leadOrgId,
    field: draft.field,
    status: draft.status,
    detailsKnown: draft.detailsKnown,
    sourceNote: textOrNull(draft.sourceNote),
    visibility: draft.visibility,
    embargoUntil: textOrNull(draft.embargoUntil),
    partners: draft.partners.map((p, i) => ({
      orgId: read.required(`partners.${i}.orgId`, p.orgId) ?? 0,
      role: textOrNull(p.role),
    })),
  }
  return { body, problems: read.problems }
}
