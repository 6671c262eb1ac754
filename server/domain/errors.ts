// Errors the repositories and domain rules raise; server/plugins/errors.ts turns them into HTTP answers.

export interface FieldProblem {
  field: string
  /** The reason in English, as a sentence's predicate ("must NOT have more than 200 characters"). */
  message: string
  /** The reason as a client can say it in its reader's language (server/schemas/common.ts, FieldError). */
  keyword?: string
  params?: Record<string, unknown>
}

export class NotFoundError extends Error {
  constructor(what: string) {
    super(`${what} not found`)
  }
}

/** The record changed since the client read it (or already exists): 409. */
export class ConflictError extends Error {
  constructor(
    message: string,
    readonly problems: FieldProblem[] = [],
  ) {
    super(message)
  }
}

/** A well-formed request that breaks a domain rule: 422, with the reason for each field. */
export class RuleViolationError extends Error {
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('; '))
  }
}

/** The request needs a signed-in user: 401. */
export class UnauthorizedError extends Error {}

/** The signed-in user may not do this: 403. */
export class ForbiddenError extends Error {}

/** A well-formed request setting fields the user may not set: 400, naming each. */
export class FieldRefusedError extends Error {
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('; '))
  }
}

/** Too many attempts: 429, to be tried again after `retryAfterSeconds`. */
export class TooManyRequestsError extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message)
  }
}
