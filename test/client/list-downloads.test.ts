import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { exportUrl } from '../../client/api/exports.ts'
import ListDownloads from '../../client/components/common/ListDownloads.vue'
import { createAppI18n } from '../../client/i18n/index.ts'

describe('exportUrl', () => {
  it('carries the list’s query without its paging, several values as repeated keys', () => {
    expect(
      exportUrl('projects', 'xlsx', { q: 'でん六', fyFrom: 2014, sort: '-adoptedFy', limit: 20, offset: 40 }),
    ).toBe(`/api/projects.xlsx?fyFrom=2014&q=${encodeURIComponent('でん六')}&sort=-adoptedFy`)
    expect(exportUrl('outcomes', 'csv', { kind: ['product', 'award'], menu: undefined, field: '' })).toBe(
      '/api/outcomes.csv?kind=product&kind=award',
    )
    expect(exportUrl('events', 'csv')).toBe('/api/events.csv')
  })
})

describe('ListDownloads', () => {
  it('links the list as CSV and as XLSX, labelled in the language shown', () => {
    const links = (locale: 'ja' | 'en') =>
      mount(ListDownloads, {
        props: { list: 'findings', query: { q: 'GABA', detailsKnown: true } },
        global: { plugins: [createAppI18n(locale)] },
      })
    const ja = links('ja')
    expect(ja.text()).toContain('この一覧をダウンロード')
    expect(ja.find('[data-format="csv"]').attributes('href')).toBe(
      '/api/findings.csv?detailsKnown=true&q=GABA',
    )
    expect(ja.find('[data-format="xlsx"]').attributes('href')).toBe(
      '/api/findings.xlsx?detailsKnown=true&q=GABA',
    )
    expect(ja.find('[data-format="xlsx"]').attributes()).toHaveProperty('download')
    expect(links('en').text()).toContain('Download this list')
  })
})
