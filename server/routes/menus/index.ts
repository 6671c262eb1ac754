import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { getMenu, listMenus, listPrograms } from '../../repositories/menus-repository.ts'
import { errorResponses, IdParams } from '../../schemas/common.ts'
import { Menu, MenuList, MenuQuery, ProgramList, ProgramQuery } from '../../schemas/menus.ts'
import { registerListExports } from '../list-export.ts'

// Read-only: a menu's rates, caps and period are the terms every grant on it was checked against, so
// changing them would put recorded grants outside their rules. They come from the program's own rules.

const menus: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/menus',
    {
      schema: {
        tags: ['menus'],
        summary: 'Subsidy menus with their program, period, rates and yearly caps',
        querystring: MenuQuery,
        response: { 200: MenuList, 400: errorResponses[400] },
      },
    },
    (request) => listMenus(fastify.db, request.query),
  )

  registerListExports(fastify, {
    url: '/menus',
    querystring: MenuQuery,
    tags: ['menus'],
    filename: 'menus',
    list: (query) => listMenus(fastify.db, query),
    columns: [
      { header: 'id', value: (m) => m.id },
      { header: 'code', value: (m) => m.code },
      { header: 'program', value: (m) => m.program.code },
      { header: 'name_ja', value: (m) => m.nameJa },
      { header: 'name_en', value: (m) => m.nameEn },
      { header: 'max_years', value: (m) => m.maxYears },
      { header: 'rate_sme', value: (m) => `${m.rateSme.numerator}/${m.rateSme.denominator}` },
      { header: 'rate_large', value: (m) => `${m.rateLarge.numerator}/${m.rateLarge.denominator}` },
      {
        header: 'caps_yen_by_year',
        value: (m) => m.capsYen.map((c) => c.capYen).join(' '),
      },
    ],
  })

  fastify.get(
    '/menus/:id',
    {
      schema: {
        tags: ['menus'],
        summary: 'One subsidy menu',
        params: IdParams,
        response: { 200: Menu, ...errorResponses },
      },
    },
    (request) => getMenu(fastify.db, request.params.id),
  )

  fastify.get(
    '/programs',
    {
      schema: {
        tags: ['programs'],
        summary: 'The programs, each followed by the programs under it, with their own subsidy menus',
        querystring: ProgramQuery,
        response: { 200: ProgramList, 400: errorResponses[400] },
      },
    },
    () => listPrograms(fastify.db),
  )
}

export default menus
