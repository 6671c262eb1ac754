import type { Session, SignIn } from '../../server/schemas/auth.ts'
import { apiGet, apiSend } from './client.ts'

export const sessionApi = {
  /** Who is signed in on this browser's session, with the CSRF token its writes send. */
  get: () => apiGet<Session>('/auth/session'),
  /** 401: wrong email or password; 429: too many failures, try later. */
  signIn: (body: SignIn) => apiSend<Session>('POST', '/auth/sign-in', body),
  signOut: () => apiSend<undefined>('POST', '/auth/sign-out'),
}
