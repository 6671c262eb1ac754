import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { INSTITUTION_PAGE_SIZE } from '../../client/composables/useInstitutionPage.ts'
import { createAppI18n, type Locale } from '../../client/i18n/index.ts'
import InstitutionsPage from '../../client/pages/InstitutionsPage.vue'
import { routes } from '../../client/router.ts'
import type { FilterOptions, InstitutionStats } from '../../server/schemas/stats.ts'

// More partner institutions than a page lists: the page lists one page, says which of how many, and pages on;
// an institution chosen from another page is still named. The filter bar's choices come in one request.

const TOTAL = INSTITUTION_PAGE_SIZE + 12
const institution = (id: number) => ({
  id,
  kind: 'university',
  name: { ja: `機関${id}`, en: `Institution ${id}` },
})
const options: FilterOptions = {
  fiscalYears: [2016, 2017],
  menus: [],
  institutions: Array.from({ length: TOTAL }, (_, i) => institution(i + 1)),
  municipalities: ['鶴岡市'],
}
/** Most projects first: institution 1 heads the first page. */
function institutionsPage(url: URL): InstitutionStats {
  const limit = Number(url.searchParams.get('limit'))
  const offset = Number(url.searchParams.get('offset'))
  return {
    institutions: options.institutions
      .slice(offset, offset + limit)
      .map((i) => ({ ...i, projects: TOTAL - i.id + 1, findings: 0, outcomes: 0 })),
    total: TOTAL,
  }
}

let requests: URL[] = []
beforeEach(() => {
  requests = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string) => {
      const url = new URL(input, 'http://localhost')
      requests.push(url)
      const body =
        url.pathname === '/api/stats/filter-options'
          ? options
          : url.pathname === '/api/stats/institutions'
            ? institutionsPage(url)
            : { items: [], total: 0 }
      return new Response(JSON.stringify(body), { status: 200 })
    }),
  )
})
afterEach(() => {
  vi.unstubAllGlobals()
})

async function open(path: string, locale: Locale = 'ja') {
  const router = createRouter({ history: createMemoryHistory(), routes })
  await router.push(path)
  const page = mount(InstitutionsPage, { global: { plugins: [createAppI18n(locale), router] } })
  await flushPromises()
  return { page, router }
}
const listed = (page: Awaited<ReturnType<typeof open>>['page']) =>
  page.findAll('[data-institution]').map((a) => Number(a.attributes('data-institution')))

describe('InstitutionsPage', () => {
  it('lists a page, says which of how many, and pages on', async () => {
    const { page, router } = await open('/institutions')
    // The page's filter bar and the page itself share the filter options, loaded once per visit in one request.
    const others = requests.map((r) => r.pathname).filter((path) => path !== '/api/stats/institutions')
    expect(others.filter((path) => path.startsWith('/api/stats/') || path === '/api/organizations')).toEqual([
      '/api/stats/filter-options',
    ])
    expect(listed(page)).toEqual(options.institutions.slice(0, INSTITUTION_PAGE_SIZE).map((i) => i.id))
    expect(page.find('[data-total]').text()).toBe(`${TOTAL}件中 1〜${INSTITUTION_PAGE_SIZE}件を表示`)

    await page.find('a[data-page=next]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query.page).toBe('2')
    expect(listed(page)).toEqual(options.institutions.slice(INSTITUTION_PAGE_SIZE).map((i) => i.id))
    expect(page.find('[data-total]').text()).toBe(
      `${TOTAL}件中 ${INSTITUTION_PAGE_SIZE + 1}〜${TOTAL}件を表示`,
    )
    const asked = requests.filter((r) => r.pathname === '/api/stats/institutions').at(-1)
    expect(asked?.searchParams.get('offset')).toBe(String(INSTITUTION_PAGE_SIZE))
  })

  it('says it in English too', async () => {
    const { page } = await open('/institutions?page=2', 'en')
    expect(page.find('[data-total]').text()).toBe(`${INSTITUTION_PAGE_SIZE + 1}–${TOTAL} of ${TOTAL}`)
  })

  it('names the chosen institution whatever page the list shows, and keeps the page when choosing', async () => {
    const { page, router } = await open(`/institutions?institution=${TOTAL}`)
    expect(listed(page)).not.toContain(TOTAL)
    expect(page.find('#institution-title').text()).toBe(`機関${TOTAL}`)
    expect(page.text()).not.toContain('連携機関ではありません')

    await router.push('/institutions?page=2')
    await flushPromises()
    await page.find(`[data-institution="${INSTITUTION_PAGE_SIZE + 3}"]`).trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({
      institution: String(INSTITUTION_PAGE_SIZE + 3),
      page: '2',
    })
    expect(listed(page)).toContain(INSTITUTION_PAGE_SIZE + 3)
  })
})
