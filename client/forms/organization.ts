import type { Organization, OrganizationCreate } from '../../server/schemas/organizations.ts'
import { BodyBuilder, type FieldProblem, textOrNull } from '../composables/field-errors.ts'
import { shown } from './common.ts'

export const ORGANIZATION_KINDS = [
  'company',
  'cooperative',
  'university',
  'public_lab',
  'venture',
  'agency',
] as const satisfies readonly Organization['kind'][]

export interface OrganizationDraft {
  kind: Organization['kind']
  nameJa: string
  nameEn: string
  municipality: string
  size: Organization['size']
  spunOutOfId: number | null
  listedAsAdopted: boolean
  note: string
}

export function organizationDraft(organization: Organization | undefined): OrganizationDraft {
  return {
    kind: organization?.kind ?? 'company',
    nameJa: organization?.nameJa ?? '',
    nameEn: shown(organization?.nameEn),
    municipality: shown(organization?.municipality),
    size: organization?.size ?? null,
    spunOutOfId: organization?.spunOutOfId ?? null,
    listedAsAdopted: organization?.listedAsAdopted ?? false,
    note: shown(organization?.note),
  }
}

export function organizationBody(
  draft: OrganizationDraft,
  messages: ConstructorParameters<typeof BodyBuilder>[0],
): { body: OrganizationCreate; problems: FieldProblem[] } {
  const read = new BodyBuilder(messages)
  const body: OrganizationCreate = {
    kind: draft.kind,
    nameJa: read.requiredText('nameJa', draft.nameJa),
    nameEn: textOrNull(draft.nameEn),
    municipality: textOrNull(draft.municipality),
    size: draft.size,
    spunOutOfId: draft.spunOutOfId,
    listedAsAdopted: draft.listedAsAdopted,
    note: textOrNull(draft.note),
  }
  return { body, problems: read.problems }
}
