import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { verifyPassword } from '../../auth/passwords.ts'
import { TooManyRequestsError, UnauthorizedError } from '../../domain/errors.ts'
import {
  type ActiveSession,
  clearSignInFailures,
  createSession,
  deleteSession,
  purgeEndedSessions,
  recordSignInFailure,
  signInWait,
} from '../../repositories/sessions-repository.ts'
import { getUser, userForSignIn } from '../../repositories/users-repository.ts'
import { Session, SignIn } from '../../schemas/auth.ts'
import { ErrorResponse, errorResponses } from '../../schemas/common.ts'

const tags = ['auth']

const auth: FastifyPluginAsyncTypebox = async (fastify) => {
  const { sessionIdleMinutes, sessionMaxHours } = fastify.authSettings

  const answer = (session: Pick<ActiveSession, 'user' | 'csrfToken' | 'expiresAt'> | null): Session => ({
    user: session?.user ?? null,
    csrfToken: session?.csrfToken ?? null,
    expiresAt: session?.expiresAt ?? null,
    idleMinutes: sessionIdleMinutes,
  })

  fastify.get(
    '/auth/session',
    {
      schema: {
        tags,
        summary: 'Who is signed in on this session, with the CSRF token its writes must send',
        response: { 200: Session },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store')
      return answer(request.session)
    },
  )

  fastify.post(
    '/auth/sign-in',
    {
      // Sign-in replaces whatever session there was, so it needs no CSRF token (cross-site requests are
      // refused all the same).
      config: { csrf: false },
      schema: {
        tags,
        summary: 'Sign in with email and password: starts a new session (cookie) and answers its CSRF token',
        body: SignIn,
        response: { 200: Session, 400: errorResponses[400], 401: ErrorResponse, 429: ErrorResponse },
      },
    },
    async (request, reply) => {
      const email = request.body.email.toLowerCase()
      const wait = await signInWait(fastify.db, request.ip, email)
      if (wait > 0) {
        throw new TooManyRequestsError(`Too many failed sign-ins: try again in ${wait} seconds`, wait)
      }
      const account = await userForSignIn(fastify.db, email)
      // Unknown, disabled and wrong password answer alike, after the same work.
      const valid = await verifyPassword(account?.passwordHash, request.body.password)
      if (!account || !valid || account.disabled) {
        await recordSignInFailure(fastify.db, request.ip, email)
        throw new UnauthorizedError('The email or the password is wrong')
      }
      await endSession(request)
      await Promise.all([
        clearSignInFailures(fastify.db, email),
        purgeEndedSessions(fastify.db, sessionIdleMinutes),
      ])
      const { token, csrfToken, expiresAt } = await createSession(fastify.db, account.id, sessionMaxHours)
      const {
        id,
        email: userEmail,
        displayName,
        role,
        organizationId,
      } = await getUser(fastify.db, account.id)
      fastify.sessionCookie.set(reply, token)
      reply.header('cache-control', 'no-store')
      return answer({
        user: { id, email: userEmail, displayName, role, organizationId },
        csrfToken,
        expiresAt,
      })
    },
  )

  fastify.post(
    '/auth/sign-out',
    {
      schema: {
        tags,
        summary: 'End this session, on the server too',
        response: { 204: Type.Null(), 403: ErrorResponse },
      },
    },
    async (request, reply) => {
      await endSession(request)
      fastify.sessionCookie.clear(reply)
      return reply.code(204).send(null)
    },
  )

  async function endSession(request: FastifyRequest) {
    if (request.session) await deleteSession(fastify.db, request.session.tokenHash)
  }
}

export default auth
