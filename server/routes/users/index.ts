import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import {
  createUser,
  deleteUser,
  getUser,
  listUsers,
  updateUser,
} from '../../repositories/users-repository.ts'
import { authErrorResponses, errorResponses, IdParams, writeErrorResponses } from '../../schemas/common.ts'
import { User, UserCreate, UserList, UserQuery, UserUpdate } from '../../schemas/users.ts'

const tags = ['users']

/** Accounts and their roles: admins only (server/auth/policy.ts). */
const users: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/users',
    {
      schema: {
        tags,
        summary: 'Users with their role and, for partners, their organization',
        querystring: UserQuery,
        response: { 200: UserList, 400: errorResponses[400], ...authErrorResponses },
      },
    },
    (request) => listUsers(fastify.db, request.query),
  )

  fastify.get(
    '/users/:id',
    {
      schema: {
        tags,
        summary: 'One user',
        params: IdParams,
        response: { 200: User, ...errorResponses, ...authErrorResponses },
      },
    },
    (request) => getUser(fastify.db, request.params.id),
  )

  fastify.post(
    '/users',
    {
      schema: {
        tags,
        summary: 'Add a user (the password is stored as an argon2id hash)',
        body: UserCreate,
        response: { 201: User, ...writeErrorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await createUser(fastify.db, request.body)),
  )

  fastify.patch(
    '/users/:id',
    {
      schema: {
        tags,
        summary: 'Change a user (send the version you read); disabling or a new password ends their sessions',
        params: IdParams,
        body: UserUpdate,
        response: { 200: User, ...writeErrorResponses },
      },
    },
    (request) => updateUser(fastify.db, request.params.id, request.body, request.viewer),
  )

  fastify.delete(
    '/users/:id',
    {
      schema: {
        tags,
        summary: 'Delete a user and their sessions (their changes stay in the audit trail)',
        params: IdParams,
        response: { 204: Type.Null(), ...writeErrorResponses },
      },
    },
    async (request, reply) => {
      await deleteUser(fastify.db, request.params.id, request.viewer)
      return reply.code(204).send(null)
    },
  )
}

export default users
