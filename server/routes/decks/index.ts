import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import {
  createDeck,
  deleteDeck,
  freezeDeck,
  getDeck,
  listDecks,
  updateDeck,
} from '../../repositories/decks-repository.ts'
import { errorResponses, IdParams, writeErrorResponses } from '../../schemas/common.ts'
import { Deck, DeckCreate, DeckFreeze, DeckList, DeckQuery, DeckUpdate } from '../../schemas/decks.ts'

const tags = ['decks']

const decks: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/decks',
    {
      schema: {
        tags,
        summary: 'Seminar slide decks, most recently changed first (without their kept figures)',
        querystring: DeckQuery,
        response: { 200: DeckList, 400: errorResponses[400] },
      },
    },
    (request) => listDecks(fastify.db, request.query),
  )

  fastify.get(
    '/decks/:id',
    {
      schema: {
        tags,
        summary: 'One slide deck, with the figures it keeps when frozen',
        params: IdParams,
        response: { 200: Deck, ...errorResponses },
      },
    },
    (request) => getDeck(fastify.db, request.params.id),
  )

  fastify.post(
    '/decks',
    {
      schema: {
        tags,
        summary: 'Save a slide deck: its slides in order, the filters they show, its language',
        body: DeckCreate,
        response: { 201: Deck, ...writeErrorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await createDeck(fastify.db, request.body)),
  )

  fastify.patch(
    '/decks/:id',
    {
      schema: {
        tags,
        summary: 'Change a slide deck (send the version you read); `frozen: false` thaws it',
        params: IdParams,
        body: DeckUpdate,
        response: { 200: Deck, ...writeErrorResponses },
      },
    },
    (request) => updateDeck(fastify.db, request.params.id, request.body),
  )

  fastify.delete(
    '/decks/:id',
    {
      schema: {
        tags,
        summary: 'Delete a slide deck',
        params: IdParams,
        response: { 204: Type.Null(), ...writeErrorResponses },
      },
    },
    async (request, reply) => {
      await deleteDeck(fastify.db, request.params.id)
      return reply.code(204).send(null)
    },
  )

  fastify.post(
    '/decks/:id/freeze',
    {
      schema: {
        tags,
        summary:
          'Keep the figures as they are now (as an anonymous visitor sees them), so they do not move during a talk',
        params: IdParams,
        body: DeckFreeze,
        response: { 200: Deck, ...writeErrorResponses },
      },
    },
    (request) => freezeDeck(fastify.db, request.params.id, request.body.version),
  )
}

export default decks
