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

/**
 * What the API client needs of the session (client/composables/useSession.ts provides it): the CSRF token
 * every write sends, and a way to learn the session anew when the server says it has ended or the token is stale.
 */
export interface SessionLink {
  csrfToken: () => string | null | undefined
  /** Fetches the session again; answers its CSRF token (null: nobody is signed in any more). */
  refresh: () => Promise<string | null | undefined>
}

let sessionLink: SessionLink | undefined
export function linkSession(link: SessionLink | undefined) {
  sessionLink = link
}

const CSRF_HEADER = 'x-csrf-token'

/** How requests reach the API: the browser's fetch, or on the server the app itself (client/entry-server.ts). */
export type ApiTransport = (url: string, init: RequestInit) => Promise<Response>
let transport: ApiTransport = (url, init) => fetch(url, init)
export function setApiTransport(next: ApiTransport) {
  transport = next
}

/** GET a JSON resource under /api; the type is the server schema's `Static` type. */
export async function apiGet<T>(path: string, query?: Query, options: RequestOptions = {}): Promise<T> {
  let response: Response
  try {
    response = await transport(`/api${path}${toSearch(query)}`, {
      headers: { accept: 'application/json' },
      signal: options.signal ?? null,
    })
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error
    throw new ApiError({ statusCode: 0, error: 'Network Error', message: (error as Error).message })
  }
  if (response.ok) return (await response.json()) as T
  // A session that ended (idle, signed out elsewhere, disabled): the user menu and the pages follow.
  if (response.status === 401) void sessionLink?.refresh()
  throw new ApiError(await errorBody(response))
}

export type WriteMethod = 'POST' | 'PATCH' | 'PUT' | 'DELETE'

/**
 * A write under /api, with the session's CSRF token. A 403 for a stale token (the session changed in another
 * tab) fetches the session and tries once more; nothing was changed by the refused request. A 204 answers
 * undefined. A Blob (a file chosen for an import) is sent as it is, with its own type; anything else as JSON.
 */
export async function apiSend<T>(
  method: WriteMethod,
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<T> {
  const send = async (token: string | null | undefined) => {
    const headers: Record<string, string> = { accept: 'application/json' }
    const file = body instanceof Blob ? body : undefined
    if (body !== undefined)
      headers['content-type'] = file ? file.type || 'application/octet-stream' : 'application/json'
    if (token) headers[CSRF_HEADER] = token
    try {
      return await transport(`/api${path}`, {
        method,
        headers,
        body: body === undefined ? null : (file ?? JSON.stringify(body)),
        credentials: 'same-origin',
        signal: options.signal ?? null,
      })
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw error
      throw new ApiError({ statusCode: 0, error: 'Network Error', message: (error as Error).message })
    }
  }
  let response = await send(sessionLink?.csrfToken())
  if (response.status === 403 && sessionLink) {
    const refusal = await errorBody(response.clone())
    if (/csrf/i.test(refusal.message)) response = await send(await sessionLink.refresh())
  }
  if (response.status === 204) return undefined as T
  if (response.ok) return (await response.json()) as T
  if (response.status === 401) void sessionLink?.refresh()
  throw new ApiError(await errorBody(response))
}

async function errorBody(response: Response): Promise<ErrorResponse> {
  try {
    const body = (await response.json()) as Partial<ErrorResponse>
    if (typeof body.message === 'string') {
      // Kept whole: some refusals carry more (an import's report of every row).
      return {
        ...body,
        statusCode: response.status,
        error: body.error ?? response.statusText,
        message: body.message,
        ...(body.errors ? { errors: body.errors } : {}),
      }
    }
  } catch {}
  return { statusCode: response.status, error: response.statusText, message: response.statusText }
}
