import type { TestApp } from '../helpers/app.ts'
import { insertFinding, insertOrganization, insertProject } from '../helpers/records.ts'
import { insertUser } from '../helpers/users.ts'
import { japaneseLabCsv } from '../import/metabolome-files.ts'

/**
 * On top of the brochure dataset, what a database of this app holds after some use, each written the way
 * the app writes it: users of several roles (with password hashes and a session), metabolite results
 * imported from a lab's file (their values, original rows and unknown columns in JSON columns whose keys a
 * camelCasing layer would break), a frozen deck, an organization that references one made after it, a
 * decimal target, records changed and deleted (the audit trail of it all, with its actors).
 */
export async function addRecordsOfUse(t: TestApp): Promise<void> {
  const db = t.database.db
  const send = async (method: 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) => {
    const response = await t.app.inject({
      method,
      url,
      ...(body === undefined ? {} : { body: body as object }),
    })
    if (response.statusCode >= 300)
      throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`)
    return response.statusCode === 204 ? undefined : response.json()
  }

  const lab = await insertOrganization(db, 'public_lab', 'バックアップ研究所')
  await insertUser(db, { role: 'partner', organizationId: lab })
  await insertUser(db, { role: 'viewer', disabled: true })

  const lead = await insertOrganization(db, 'company', 'バックアップ主導社')
  const parent = await insertOrganization(db, 'company', 'バックアップ親会社')
  const spinOff = await send('PATCH', `/api/organizations/${lead}`, { version: 1, spunOutOfId: parent })
  if (spinOff.spunOutOfId !== parent) throw new Error('the spin-off was not recorded')

  const project = await insertProject(db, { visibility: 'confidential', leadOrgId: lead, partners: [lab] })
  const finding = await insertFinding(db, { visibility: 'program', projectId: project })
  const imported = await t.app.inject({
    method: 'POST',
    url: `/api/findings/${finding}/metabolites/import`,
    headers: { 'content-type': 'text/csv' },
    payload: japaneseLabCsv(),
  })
  if (imported.statusCode !== 200) throw new Error(`import: ${imported.statusCode} ${imported.body}`)

  await send('POST', '/api/targets', { metric: 'attendance', fy: 2018, target: 250.5 })
  const deck = await send('POST', '/api/decks', {
    name: 'バックアップの発表',
    slides: [{ kind: 'title' }, { kind: 'kpis' }, { kind: 'products' }],
    filters: { fyFrom: 2014, fyTo: 2017 },
  })
  await send('POST', `/api/decks/${deck.id}/freeze`, { version: deck.version })

  const doomed = await insertOrganization(db, 'agency', '削除される機関')
  await send('DELETE', `/api/organizations/${doomed}`)
}
