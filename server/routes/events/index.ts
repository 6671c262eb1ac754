import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import {
  createEvent,
  deleteEvent,
  getEvent,
  listEvents,
  updateEvent,
} from '../../repositories/events-repository.ts'
import { errorResponses, IdParams, writeErrorResponses } from '../../schemas/common.ts'
import { Event, EventCreate, EventList, EventQuery, EventUpdate } from '../../schemas/events.ts'
import { registerListExports } from '../list-export.ts'

const tags = ['events']

const events: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/events',
    {
      schema: {
        tags,
        summary: 'Seminars, research presentations and technology seminars',
        querystring: EventQuery,
        response: { 200: EventList, 400: errorResponses[400] },
      },
    },
    (request) => listEvents(fastify.db, request.query, request.viewer),
  )

  registerListExports(fastify, {
    url: '/events',
    querystring: EventQuery,
    tags,
    filename: 'events',
    list: (query, request) => listEvents(fastify.db, query, request.viewer),
    columns: [
      { header: 'id', value: (e) => e.id },
      { header: 'kind', value: (e) => e.kind },
      { header: 'fy', value: (e) => e.fy },
      { header: 'held_on', value: (e) => e.heldOn, type: 'date' },
      { header: 'title_ja', value: (e) => e.titleJa },
      { header: 'title_en', value: (e) => e.titleEn },
      { header: 'city', value: (e) => e.city },
      { header: 'venue', value: (e) => e.venue },
      { header: 'attendance', value: (e) => e.attendance },
      { header: 'project_ids', value: (e) => e.projectIds.join(' ') },
    ],
  })

  fastify.get(
    '/events/:id',
    {
      schema: {
        tags,
        summary: 'One event with the projects presented at it',
        params: IdParams,
        response: { 200: Event, ...errorResponses },
      },
    },
    (request) => getEvent(fastify.db, request.params.id, request.viewer),
  )

  fastify.post(
    '/events',
    {
      schema: {
        tags,
        summary: 'Add an event (its FY follows from its date)',
        body: EventCreate,
        response: { 201: Event, ...writeErrorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createEvent(fastify.db, request.body, request.viewer)),
  )

  fastify.patch(
    '/events/:id',
    {
      schema: {
        tags,
        summary: 'Change an event (send the version you read); projectIds, when sent, replaces the set',
        params: IdParams,
        body: EventUpdate,
        response: { 200: Event, ...writeErrorResponses },
      },
    },
    (request) => updateEvent(fastify.db, request.params.id, request.body, request.viewer),
  )

  fastify.delete(
    '/events/:id',
    {
      schema: {
        tags,
        summary: 'Delete an event',
        params: IdParams,
        response: { 204: Type.Null(), ...writeErrorResponses },
      },
    },
    async (request, reply) => {
      await deleteEvent(fastify.db, request.params.id)
      return reply.code(204).send(null)
    },
  )
}

export default events
