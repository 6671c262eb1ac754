import {
  ConflictError,
  type FieldProblem,
  FieldRefusedError,
  ForbiddenError,
  NotFoundError,
  RuleViolationError,
} from '../../domain/errors.ts'
import { databaseProblem } from '../../plugins/errors.ts'

/**
 * Why the API would refuse a row's write, as its answer would say it (server/plugins/errors.ts): the field
 * problems of a 400, 409 or 422, or the message of a 403 or 404. undefined for an error that is no refusal
 * (the import then fails as a whole, as the request would with a 500).
 */
export function refusalOf(error: unknown): FieldProblem[] | undefined {
  if (error instanceof RuleViolationError || error instanceof FieldRefusedError) return error.problems
  if (error instanceof ConflictError)
    return error.problems.length > 0 ? error.problems : [{ field: 'body', message: error.message }]
  if (error instanceof NotFoundError || error instanceof ForbiddenError)
    return [{ field: 'id', message: error.message }]
  const database = databaseProblem(error)
  return database ? [database.problem] : undefined
}

/** The field a problem is about: `body.partners.0.orgId` → `partners`; `id` → `id`. */
export const problemField = (problem: FieldProblem) =>
  problem.field.replace(/^body\./, '').split('.')[0] ?? ''
