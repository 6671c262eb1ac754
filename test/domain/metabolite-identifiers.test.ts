import { describe, expect, it } from 'vitest'
import {
  checkMetaboliteResults,
  identifiersIn,
  normalizeChebiId,
  normalizeHmdbId,
  normalizeInchikey,
  normalizeKeggId,
  normalizePubchemCid,
} from '../../server/domain/metabolite-identifiers.ts'

const value = <T>(result: { ok: true; value: T } | { ok: false; problem: string }) =>
  result.ok ? result.value : `refused: ${result.problem}`

describe('normalizing identifiers', () => {
  it('brings HMDB ids to HMDB + 7 digits, the old 5-digit form included', () => {
    expect(value(normalizeHmdbId('HMDB0000112'))).toBe('HMDB0000112')
    expect(value(normalizeHmdbId(' hmdb0000112 '))).toBe('HMDB0000112')
    expect(value(normalizeHmdbId('HMDB00112'))).toBe('HMDB0000112')
    for (const bad of ['HMDB112', 'HMDB000011200', '0000112', 'HMDB-0000112', 'HMDBabcdefg', '']) {
      expect(value(normalizeHmdbId(bad)), bad).toBe('refused: is not an HMDB id (HMDB + 7 digits)')
    }
  })

  it('brings KEGG ids to C/D + 5 digits, dropping the cpd: and dr: prefixes', () => {
    expect(value(normalizeKeggId('C00334'))).toBe('C00334')
    expect(value(normalizeKeggId('c00334'))).toBe('C00334')
    expect(value(normalizeKeggId('cpd:C00334'))).toBe('C00334')
    expect(value(normalizeKeggId('dr:D00001'))).toBe('D00001')
    for (const bad of ['C0033', 'C003345', 'K00334', 'cpd:', 'map00250', '00334']) {
      expect(value(normalizeKeggId(bad)), bad).toBe('refused: is not a KEGG compound id (C + 5 digits)')
    }
  })

  it('brings ChEBI ids to CHEBI: + digits from the bare number or any case', () => {
    expect(value(normalizeChebiId('CHEBI:16865'))).toBe('CHEBI:16865')
    expect(value(normalizeChebiId('chebi:16865'))).toBe('CHEBI:16865')
    expect(value(normalizeChebiId('16865'))).toBe('CHEBI:16865')
    expect(value(normalizeChebiId('CHEBI:016865'))).toBe('CHEBI:16865')
    for (const bad of ['CHEBI:0', 'CHEBI:', 'CHEBI:abc', 'CHEBI16865', '-5', '1234567890']) {
      expect(value(normalizeChebiId(bad)), bad).toBe('refused: is not a ChEBI id (CHEBI: + digits)')
    }
  })

  it('takes a PubChem CID as a positive integer, as a number or as text', () => {
    expect(value(normalizePubchemCid(119))).toBe(119)
    expect(value(normalizePubchemCid('119'))).toBe(119)
    expect(value(normalizePubchemCid('CID 119'))).toBe(119)
    expect(value(normalizePubchemCid('cid:9750'))).toBe(9750)
    for (const bad of [0, -1, 1.5, 2_147_483_648, Number.NaN, '0', 'abc', '1e3', '']) {
      expect(value(normalizePubchemCid(bad)), String(bad)).toBe(
        'refused: is not a PubChem CID (a positive integer)',
      )
    }
  })

  it('uppercases InChIKeys and checks their 14-10-1 shape', () => {
    expect(value(normalizeInchikey('bTCSSZJGUNDROE-UHFFFAOYSA-N'))).toBe('BTCSSZJGUNDROE-UHFFFAOYSA-N')
    expect(value(normalizeInchikey('InChIKey=BTCSSZJGUNDROE-UHFFFAOYSA-N'))).toBe(
      'BTCSSZJGUNDROE-UHFFFAOYSA-N',
    )
    for (const bad of [
      'BTCSSZJGUNDROE-UHFFFAOYSA',
      'BTCSSZJGUNDRO-UHFFFAOYSA-N',
      'BTCSSZJGUNDROE-UHFFFAOYS1-N',
    ]) {
      expect(normalizeInchikey(bad).ok, bad).toBe(false)
    }
  })

  it('reads search text as every identifier it could be', () => {
    expect(identifiersIn('C00334')).toEqual({ keggId: 'C00334' })
    expect(identifiersIn('hmdb00112')).toEqual({ hmdbId: 'HMDB0000112' })
    expect(identifiersIn('119')).toEqual({ chebiId: 'CHEBI:119', pubchemCid: 119 })
    expect(identifiersIn('GABA')).toEqual({})
  })
})

describe('checkMetaboliteResults', () => {
  const gaba = {
    name: 'GABA',
    keggId: 'cpd:C00334',
    hmdbId: 'HMDB00112',
    chebiId: '16865',
    pubchemCid: '119',
  }

  it('normalizes every identifier and fills what was not sent with null', () => {
    const { results, problems } = checkMetaboliteResults(
      [{ ...gaba, direction: 'up', foldChange: 2.5, pValue: 0.01 }],
      'body.m',
    )
    expect(problems).toEqual([])
    expect(results).toEqual([
      {
        name: 'GABA',
        hmdbId: 'HMDB0000112',
        keggId: 'C00334',
        chebiId: 'CHEBI:16865',
        pubchemCid: 119,
        inchikey: null,
        direction: 'up',
        foldChange: 2.5,
        pValue: 0.01,
      },
    ])
  })

  it('names each bad value by its place in the request', () => {
    const { problems } = checkMetaboliteResults(
      [
        { name: 'a' },
        { name: 'b', keggId: 'X1', inchikey: 'nope' },
        {},
        { name: 'c', foldChange: 0 },
        { name: 'd', foldChange: 0.5, direction: 'up' },
        { name: 'e', foldChange: 1, direction: 'down' },
        { name: 'f', pValue: 1.5 },
        { name: 'g', foldChange: Number.POSITIVE_INFINITY },
        { name: 'h', foldChange: 1, direction: 'unchanged', pValue: 0 },
      ],
      'body.metaboliteResults',
    )
    expect(problems).toMatchObject([
      { field: 'body.metaboliteResults.1.keggId', message: 'is not a KEGG compound id (C + 5 digits)' },
      {
        field: 'body.metaboliteResults.1.inchikey',
        message: 'is not an InChIKey (14 letters, hyphen, 10 letters, hyphen, 1 letter)',
      },
      { field: 'body.metaboliteResults.2.name', message: 'is required when the result has no identifier' },
      { field: 'body.metaboliteResults.3.foldChange', message: 'must be a positive, finite ratio' },
      {
        field: 'body.metaboliteResults.4.direction',
        message: 'is up, but a fold change of 0.5 is not above 1',
      },
      {
        field: 'body.metaboliteResults.5.direction',
        message: 'is down, but a fold change of 1 is not below 1',
      },
      { field: 'body.metaboliteResults.6.pValue', message: 'must be between 0 and 1' },
      { field: 'body.metaboliteResults.7.foldChange', message: 'must be a positive, finite ratio' },
    ])
  })

  it('refuses a metabolite listed twice, by name in any case or by the same identifier in any form', () => {
    const { problems } = checkMetaboliteResults(
      [gaba, { name: 'gaba' }, { name: 'γ-aminobutyric acid', keggId: 'C00334' }, { keggId: 'C00327' }],
      'body.metaboliteResults',
    )
    const repeated = {
      message: 'is already given for result 0 of this finding',
      keyword: 'repeated',
      params: { result: 0 },
    }
    expect(problems).toEqual([
      { field: 'body.metaboliteResults.1.name', ...repeated },
      { field: 'body.metaboliteResults.2.keggId', ...repeated },
    ])
  })

  it('accepts a result with an identifier and no name', () => {
    expect(checkMetaboliteResults([{ inchikey: 'RHGKLRLOHDJJDR-BYPYZUCNSA-N' }], 'b').problems).toEqual([])
  })
})
