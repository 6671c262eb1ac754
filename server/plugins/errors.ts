import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify'
import fp from 'fastify-plugin'
import {
  ConflictError,
  type FieldProblem,
  FieldRefusedError,
  ForbiddenError,
  NotFoundError,
  RuleViolationError,
  TooManyRequestsError,
  UnauthorizedError,
} from '../domain/errors.ts'
import type { ErrorResponse } from '../schemas/common.ts'

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
}

const send = (reply: FastifyReply, statusCode: number, message: string, errors?: FieldProblem[]) =>
  reply.code(statusCode).send({
    statusCode,
    error: STATUS_TEXT[statusCode] ?? 'Error',
    message,
    ...(errors && errors.length > 0 ? { errors } : {}),
  } satisfies ErrorResponse)

/**
 * The one error handler: validation failures name each bad field, domain errors keep their reason, database
 * rule violations become 409/422 without SQL, and 5xx details stay in the log.
 */
export default fp(
  async (fastify: FastifyInstance) => {
    fastify.setErrorHandler((error: FastifyError, request, reply) => {
      if (error.validation) {
        const errors = validationProblems(error.validationContext ?? 'request', error.validation)
        return send(reply, 400, errors.map((e) => `${e.field} ${e.message}`).join('; '), errors)
      }
      if (error instanceof NotFoundError) return send(reply, 404, error.message)
      if (error instanceof UnauthorizedError) return send(reply, 401, error.message)
      if (error instanceof ForbiddenError) return send(reply, 403, error.message)
      if (error instanceof FieldRefusedError) return send(reply, 400, error.message, error.problems)
      if (error instanceof TooManyRequestsError) {
        reply.header('retry-after', String(error.retryAfterSeconds))
        return send(reply, 429, error.message)
      }
      if (error instanceof ConflictError) return send(reply, 409, error.message, error.problems)
      if (error instanceof RuleViolationError) return send(reply, 422, error.message, error.problems)

      const database = databaseProblem(error)
      if (database) return send(reply, database.status, database.message, [database.problem])

      const status = error.statusCode ?? 500
      if (status >= 400 && status < 500) return send(reply, status, error.message)
      // Refused on purpose (load shedding): the reason is the message, and Retry-After is already set.
      if (status === 503) return send(reply, 503, error.message)
      request.log.error({ err: error }, 'request failed')
      if (isConnectionFailure(error))
        return send(reply, 503, 'The database is unavailable; try again shortly')
      return send(reply, 500, 'Something went wrong on our side; the error has been logged')
    })

    fastify.setNotFoundHandler((request, reply) =>
      send(reply, 404, `No route for ${request.method} ${request.url}`),
    )
  },
  { name: 'errors' },
)

type ValidationIssue = NonNullable<FastifyError['validation']>[number]

/** A schema's failures as the API reports them (also the spreadsheet import's, server/import/records). */
export function validationProblems(context: string, issues: ValidationIssue[]): FieldProblem[] {
  return withoutNullBranches(issues).map((issue) => ({
    field: fieldOf(context, issue.instancePath, issue.params),
    message: issue.message ?? 'is invalid',
    keyword: issue.keyword,
    params: issue.params,
  }))
}

const nullBranch = (issue: ValidationIssue) =>
  issue.keyword === 'anyOf' || (issue.keyword === 'type' && issue.params.type === 'null')

/**
 * A nullable field (`anyOf: [T, null]`) that breaks T also fails "must be null" and "must match a schema in
 * anyOf"; those two say nothing about the value sent and are left out wherever the field has another problem.
 */
function withoutNullBranches(issues: ValidationIssue[]): ValidationIssue[] {
  const specific = new Set(issues.filter((issue) => !nullBranch(issue)).map((issue) => issue.instancePath))
  return issues.filter((issue) => !nullBranch(issue) || !specific.has(issue.instancePath))
}

function fieldOf(context: string, instancePath: string, params: Record<string, unknown>): string {
  const path = instancePath.split('/').filter(Boolean)
  const extra = params.missingProperty ?? params.additionalProperty
  if (typeof extra === 'string') path.push(extra)
  return [context, ...path].join('.')
}

interface DatabaseProblem {
  status: number
  message: string
  problem: FieldProblem
}

const camel = (snake: string) => snake.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())

/** Maps a PostgreSQL rule violation (SQLSTATE class 23, bad values) to a client error naming the field. */
export function databaseProblem(error: unknown): DatabaseProblem | undefined {
  const { code, constraint, column, table } = error as {
    code?: string
    constraint?: string
    column?: string
    table?: string
  }
  if (typeof code !== 'string' || !/^(23|22)/.test(code)) return undefined
  const field = `body.${camel(column ?? columnOf(constraint, table) ?? 'record')}`
  switch (code) {
    case '23505':
      return {
        status: 409,
        message: 'A record with these values already exists',
        problem: { field, message: 'is already taken', keyword: 'taken', params: {} },
      }
    case '23503':
      return {
        status: 422,
        message: 'The record refers to a record that does not exist, or is still referred to',
        problem: {
          field,
          message: 'refers to a record that does not exist, or is still in use',
          keyword: 'reference',
          params: {},
        },
      }
    case '23514':
    case '23502':
    case '23P01':
      return {
        status: 422,
        message: 'The values break a rule of the records',
        problem: { field, message: 'is not allowed here', keyword: 'rule', params: {} },
      }
    default:
      return {
        status: 400,
        message: 'A value is out of range or malformed',
        problem: { field, message: 'is malformed', keyword: 'malformed', params: {} },
      }
  }
}

/** `projects_lead_org_id_fkey` on table `projects` → `lead_org_id`. */
function columnOf(constraint: string | undefined, table: string | undefined): string | undefined {
  if (!constraint) return undefined
  const withoutTable =
    table && constraint.startsWith(`${table}_`) ? constraint.slice(table.length + 1) : constraint
  return withoutTable.replace(/_(fkey|key|check|pkey|not_null)$/, '')
}

function isConnectionFailure(error: unknown): boolean {
  const { code, message } = error as { code?: string; message?: string }
  return (
    code === 'ECONNREFUSED' ||
    code === 'ECONNRESET' ||
    code === '57P01' ||
    /Connection terminated|PGlite is closed|driver has already been destroyed/i.test(message ?? '')
  )
}
