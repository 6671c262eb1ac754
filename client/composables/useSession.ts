import { computed, readonly, shallowRef } from 'vue'
import type { Session } from '../../server/schemas/auth.ts'
import { ApiError, linkSession } from '../api/client.ts'
import { sessionApi } from '../api/session.ts'
import { onServer } from '../ssr/rendered-state.ts'

// The browser's one session, shared by every component: who is signed in, and the CSRF token the API client
// sends with each write (client/api/client.ts asks for it through `linkSession`).

const session = shallowRef<Session>()
let pending: Promise<Session> | undefined

const ANONYMOUS = (idleMinutes = 0): Session => ({
  user: null,
  csrfToken: null,
  expiresAt: null,
  idleMinutes,
})

/** Fetches the session (once, unless `force`); a failure counts as nobody signed in. */
export function loadSession(force = false): Promise<Session> {
  if (pending && !force) return pending
  const request = sessionApi
    .get()
    .catch(() => ANONYMOUS(session.value?.idleMinutes))
    .then((answer) => {
      if (pending === request) session.value = answer
      return answer
    })
  pending = request
  return request
}

linkSession({
  csrfToken: () => session.value?.csrfToken,
  refresh: async () => (await loadSession(true)).csrfToken,
})

async function signIn(email: string, password: string): Promise<Session> {
  const answer = await sessionApi.signIn({ email, password })
  pending = Promise.resolve(answer)
  session.value = answer
  return answer
}

async function signOut(): Promise<void> {
  try {
    await sessionApi.signOut()
  } catch (error) {
    // Already ended on the server: the browser is signed out all the same.
    if (!(error instanceof ApiError) || error.status === 0) throw error
  }
  const idle = session.value?.idleMinutes
  session.value = ANONYMOUS(idle)
  pending = Promise.resolve(session.value)
  void loadSession(true)
}

/**
 * The signed-in user (null: nobody; undefined: not known yet), their role, and sign-in and sign-out. A page
 * rendered on the server is rendered as before the session is known: the one session here is the browser's,
 * and the server renders for many visitors at once.
 */
export function useSession() {
  const server = onServer()
  const known = server ? shallowRef<Session>() : session
  if (!server) void loadSession()
  const user = computed(() => (known.value === undefined ? undefined : known.value.user))
  return {
    session: readonly(known),
    user,
    role: computed(() => user.value?.role),
    /** The session has been fetched (so `user` null means anonymous, not "still loading"). */
    ready: computed(() => known.value !== undefined),
    signIn,
    signOut,
    refresh: () => loadSession(true),
  }
}

/** Forgets the session (tests). */
export function resetSession(value?: Session) {
  session.value = value
  pending = value ? Promise.resolve(value) : undefined
}
