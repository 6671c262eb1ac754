import type { ErrorResponse } from '../../server/schemas/common.ts'

/** A failed API call, carrying the API's one error shape. `status` 0: the server could not be reached. */
export class ApiError extends Error {
  readonly status: number
  readonly body: ErrorResponse

  constructor(body: ErrorResponse) {
    super(body.message)
    this.name = 'ApiError'
    this.status = body.statusCode
    this.body = body
  }
}

export type QueryValue = string | number | boolean | undefined | null
export type Query = Record<string, QueryValue>

/** `?a=1&b=x` with the unset values left out; keys sorted so equal queries give equal URLs. */
export function toSearch(query: Query = {}): string {
  const params = new URLSearchParams()
  for (const key of Object.keys(query).sort()) {
    const value = query[key]
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value))
  }
  const search = params.toString()
  return search ? `?${search}` : ''
}

export interface RequestOptions {
  signal?: AbortSignal
}

/** GET a JSON resource under /api; the type is the server schema's `Static` type. */
export async function apiGet<T>(path: string, query?: Query, options: RequestOptions = {}): Promise<T> {
  let response: Response
  try {
    response = await fetch(`/api${path}${toSearch(query)}`, {
      headers: { accept: 'application/json' },
      signal: options.signal ?? null,
    })
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error
    throw new ApiError({ statusCode: 0, error: 'Network Error', message: (error as Error).message })
  }
  if (response.ok) return (await response.json()) as T
  throw new ApiError(await errorBody(response))
}

async function errorBody(response: Response): Promise<ErrorResponse> {
  try {
    const body = (await response.json()) as Partial<ErrorResponse>
    if (typeof body.message === 'string') {
      return {
        statusCode: response.status,
        error: body.error ?? response.statusText,
        message: body.message,
        ...(body.errors ? { errors: body.errors } : {}),
      }
    }
  } catch {}
  return { statusCode: response.status, error: response.statusText, message: response.statusText }
}
