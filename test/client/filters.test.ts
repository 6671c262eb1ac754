import { describe, expect, it } from 'vitest'
import { filtersToQuery, parseFilters, recordsLink } from '../../client/composables/filters.ts'
import {
  formatChange,
  formatDate,
  formatFy,
  formatNumber,
  formatPercent,
  formatYen,
} from '../../client/i18n/format.ts'

describe('filters in the URL', () => {
  it('reads every filter from a bookmarked query', () => {
    expect(
      parseFilters({
        fyFrom: '2014',
        fyTo: '2016',
        menu: 'seed_exploration',
        field: 'food',
        institution: '3',
        company: '12',
        municipality: '鶴岡市',
      }),
    ).toEqual({
      fyFrom: 2014,
      fyTo: 2016,
      menu: 'seed_exploration',
      field: 'food',
      institution: 3,
      company: 12,
      municipality: '鶴岡市',
    })
  })

  it('drops what the API would refuse instead of sending it', () => {
    expect(
      parseFilters({
        fyFrom: 'abc',
        fyTo: '1850',
        menu: 'Robert); drop',
        field: 'astrology',
        institution: '0',
        company: '99999999999',
        municipality: 'x'.repeat(51),
      }),
    ).toEqual({})
  })

  it('puts a reversed range the right way round and takes the first of repeated values', () => {
    expect(parseFilters({ fyFrom: '2017', fyTo: ['2013', '2015'] })).toEqual({ fyFrom: 2013, fyTo: 2017 })
  })

  it('writes filters back in a fixed order, leaving unset ones out', () => {
    expect(Object.entries(filtersToQuery({ municipality: '山形市', fyTo: 2015, fyFrom: 2013 }))).toEqual([
      ['fyFrom', '2013'],
      ['fyTo', '2015'],
      ['municipality', '山形市'],
    ])
  })

  it('narrows the current filters to a figure for its records link', () => {
    expect(
      recordsLink('/projects', { fyFrom: 2012, fyTo: 2017, field: 'food' }, { fyFrom: 2014, fyTo: 2014 }),
    ).toEqual({
      path: '/projects',
      query: { fyFrom: '2014', fyTo: '2014', field: 'food' },
    })
    // Filters in their fixed order, then the page's own conditions: one URL per view.
    const link = recordsLink('/outcomes', { field: 'food' }, { kind: 'product', fyTo: 2016, fyFrom: 2016 })
    expect(Object.keys(link.query)).toEqual(['fyFrom', 'fyTo', 'field', 'kind'])
  })
})

describe('formats by locale', () => {
  it('formats numbers, changes, percentages, yen and dates', () => {
    expect(formatNumber(1204, 'ja')).toBe('1,204')
    expect(formatNumber(1204, 'en')).toBe('1,204')
    expect(formatChange(3, 'en')).toBe('+3')
    expect(formatChange(0, 'en')).toBe('0')
    expect(formatPercent(0.9, 'ja')).toBe('90%')
    expect(formatYen(123_456_789, 'ja')).toBe('￥1.23億')
    expect(formatYen(4_500_000, 'en')).toBe('¥4.5M')
    expect(formatDate('2017-02-01', 'ja')).toBe('2017/02/01')
    expect(formatDate('2017-02-01', 'en')).toBe('Feb 1, 2017')
  })

  it('labels fiscal years with the era', () => {
    expect(formatFy(2016, 'ja')).toBe('平成28年度')
    expect(formatFy(2016, 'en')).toBe('FY2016 (H28)')
    expect(formatFy(2019, 'ja')).toBe('令和元年度')
  })
})
