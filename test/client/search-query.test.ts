import { describe, expect, it } from 'vitest'
import { parseSearch } from '../../client/composables/useSearchQuery.ts'

describe('the search text in the URL', () => {
  it('is trimmed, and empty means no search', () => {
    expect(parseSearch({ q: '  GABA ' })).toBe('GABA')
    expect(parseSearch({ q: '   ' })).toBeUndefined()
    expect(parseSearch({ q: null })).toBeUndefined()
    expect(parseSearch({})).toBeUndefined()
  })

  it('takes the first of repeated values and keeps to what the API accepts', () => {
    expect(parseSearch({ q: ['C00334', 'GABA'] })).toBe('C00334')
    expect(parseSearch({ q: 'x'.repeat(500) })).toHaveLength(200)
  })
})
