import { spawn } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig, MIN_SECRET_LENGTH } from '../../../server/config.ts'
import { backend } from '../../helpers/database.ts'

const SECRET = 'x'.repeat(MIN_SECRET_LENGTH)

describe('the session secret', () => {
  it('is required in production, at least 32 characters', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError)
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET is required in production/)
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'short' })).toThrow(
      /SESSION_SECRET is 5 characters; it must be at least 32/,
    )
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: SECRET }).auth.sessionSecret).toBe(SECRET)
  })

  it('has no default elsewhere: each process makes a random one, and says so', () => {
    const first = loadConfig({})
    const second = loadConfig({})
    expect(first.auth.sessionSecret).not.toBe(second.auth.sessionSecret)
    expect(first.auth.sessionSecret.length).toBeGreaterThanOrEqual(MIN_SECRET_LENGTH)
    expect(first.warnings.join()).toMatch(/SESSION_SECRET is not set/)
    expect(() => loadConfig({ SESSION_SECRET: 'short' })).toThrow(ConfigError)
  })
})

describe('the other settings', () => {
  it('default to Secure cookies, 2 h idle and 12 h absolute expiry', () => {
    expect(loadConfig({ SESSION_SECRET: SECRET }).auth).toEqual({
      sessionSecret: SECRET,
      cookieSecure: true,
      sessionIdleMinutes: 120,
      sessionMaxHours: 12,
    })
  })

  it('read COOKIE_SECURE, SESSION_IDLE_MINUTES, SESSION_MAX_HOURS, TRUST_PROXY and the first admin', () => {
    const config = loadConfig({
      COOKIE_SECURE: 'false',
      SESSION_IDLE_MINUTES: '15',
      SESSION_MAX_HOURS: '4',
      TRUST_PROXY: 'true',
      ADMIN_EMAIL: 'admin@example.test',
      ADMIN_PASSWORD: 'a long admin password',
    })
    expect(config.auth).toMatchObject({ cookieSecure: false, sessionIdleMinutes: 15, sessionMaxHours: 4 })
    expect(config.trustProxy).toBe(true)
    expect(config.firstAdmin).toEqual({ email: 'admin@example.test', password: 'a long admin password' })
  })

  it('refuse values they cannot mean', () => {
    expect(() => loadConfig({ COOKIE_SECURE: 'maybe' })).toThrow(/COOKIE_SECURE must be true or false/)
    expect(() => loadConfig({ SESSION_IDLE_MINUTES: '0' })).toThrow(/SESSION_IDLE_MINUTES/)
    expect(() => loadConfig({ SESSION_MAX_HOURS: '1.5' })).toThrow(/SESSION_MAX_HOURS/)
    expect(() => loadConfig({ ADMIN_EMAIL: 'admin@example.test' })).toThrow(/ADMIN_EMAIL and ADMIN_PASSWORD/)
  })
})

// The real entry point, in production mode without a secret: it must stop before touching any database.
describe.runIf(backend === 'pglite')('server/server.ts', () => {
  it('refuses to start in production without a session secret, saying why', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', PORT: '0', LOG_LEVEL: 'warn' }
    delete env.SESSION_SECRET
    delete env.DATABASE_URL
    env.DATA_DIR = '/nonexistent/never-created'
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/server.ts'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout?.on('data', (chunk) => (output += chunk))
    child.stderr?.on('data', (chunk) => (output += chunk))
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
    expect(code).toBe(1)
    expect(output).toMatch(/Configuration error: SESSION_SECRET is required in production/)
    expect(output).not.toMatch(/at .*\.ts:\d+/)
  }, 30_000)
})
