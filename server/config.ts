import { randomBytes } from 'node:crypto'

// The one place that reads the environment; everything else receives a Config.

export interface AuthConfig {
  /** Signs the session cookie. */
  sessionSecret: string
  /** false only for local HTTP: the cookie then lacks `Secure` and no HSTS header is sent. */
  cookieSecure: boolean
  /** A session unused this long ends. */
  sessionIdleMinutes: number
  /** A session ends this long after sign-in, however active. */
  sessionMaxHours: number
}

export interface Config {
  port: number
  host: string
  /** PostgreSQL connection string; when absent the embedded database in `dataDir` is used. */
  databaseUrl: string | undefined
  dataDir: string
  logLevel: string
  auth: AuthConfig
  /** Behind a load balancer: take the client's address from X-Forwarded-For (sign-in throttling). */
  trustProxy: boolean
  /** Above this mean event-loop delay (ms) requests answer 503 at once instead of queueing. */
  maxEventLoopDelayMs: number
  /** Created as the first admin when the database has no user yet. */
  firstAdmin: { email: string; password: string } | undefined
  /** Problems worth a warning at start-up that do not stop it. */
  warnings: string[]
}

export class ConfigError extends Error {}

export const MIN_SECRET_LENGTH = 32

const flag = (name: string, value: string | undefined, fallback: boolean): boolean => {
  if (value === undefined || value === '') return fallback
  if (['true', '1', 'yes'].includes(value.toLowerCase())) return true
  if (['false', '0', 'no'].includes(value.toLowerCase())) return false
  throw new ConfigError(`${name} must be true or false, got ${value}`)
}

const positive = (name: string, value: string | undefined, fallback: number, max: number): number => {
  if (value === undefined || value === '') return fallback
  const number = Number(value)
  if (!Number.isInteger(number) || number < 1 || number > max)
    throw new ConfigError(`${name} must be a whole number from 1 to ${max}, got ${value}`)
  return number
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`PORT must be 0-65535, got ${env.PORT}`)
  const logLevel = env.LOG_LEVEL ?? 'info'
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be a pino level, got ${logLevel}`)
  }
  const warnings: string[] = []
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    ...databaseConfig(env),
    logLevel,
    auth: {
      sessionSecret: sessionSecret(env, warnings),
      cookieSecure: flag('COOKIE_SECURE', env.COOKIE_SECURE, true),
      sessionIdleMinutes: positive('SESSION_IDLE_MINUTES', env.SESSION_IDLE_MINUTES, 120, 7 * 24 * 60),
      sessionMaxHours: positive('SESSION_MAX_HOURS', env.SESSION_MAX_HOURS, 12, 30 * 24),
    },
    trustProxy: flag('TRUST_PROXY', env.TRUST_PROXY, false),
    maxEventLoopDelayMs: positive('MAX_EVENT_LOOP_DELAY_MS', env.MAX_EVENT_LOOP_DELAY_MS, 1000, 60_000),
    firstAdmin: firstAdmin(env),
    warnings,
  }
}

/** Where the data is: what the command-line tools need of the configuration. */
export function databaseConfig(
  env: NodeJS.ProcessEnv = process.env,
): Pick<Config, 'databaseUrl' | 'dataDir'> {
  return { databaseUrl: env.DATABASE_URL || undefined, dataDir: env.DATA_DIR || './data' }
}

/**
 * There is no default secret. In production a missing or short one stops the server; elsewhere a random one
 * is made for the process (sessions then end when it restarts, and instances do not share them).
 */
function sessionSecret(env: NodeJS.ProcessEnv, warnings: string[]): string {
  const secret = env.SESSION_SECRET
  const production = env.NODE_ENV === 'production'
  if (secret !== undefined && secret !== '' && secret.length < MIN_SECRET_LENGTH) {
    throw new ConfigError(
      `SESSION_SECRET is ${secret.length} characters; it must be at least ${MIN_SECRET_LENGTH} ` +
        '(e.g. `openssl rand -base64 48`)',
    )
  }
  if (secret) return secret
  if (production) {
    throw new ConfigError(
      `SESSION_SECRET is required in production (NODE_ENV=production): set it to a random string of at least ${MIN_SECRET_LENGTH} characters, e.g. \`openssl rand -base64 48\``,
    )
  }
  warnings.push(
    'SESSION_SECRET is not set: using a random one for this process, so sessions end when it restarts',
  )
  return randomBytes(48).toString('base64')
}

function firstAdmin(env: NodeJS.ProcessEnv): Config['firstAdmin'] {
  const email = env.ADMIN_EMAIL || undefined
  const password = env.ADMIN_PASSWORD || undefined
  if (email === undefined && password === undefined) return undefined
  if (email === undefined || password === undefined)
    throw new ConfigError('ADMIN_EMAIL and ADMIN_PASSWORD go together: set both, or neither')
  return { email, password }
}
