import { existsSync } from 'node:fs'
import vue from '@vitejs/plugin-vue'
import { configDefaults, defineConfig } from 'vitest/config'

// The same suite runs on embedded PGlite and, when TEST_DATABASE_URL is set, on real PostgreSQL.
const postgres = process.env.TEST_DATABASE_URL
if (!postgres) console.warn('TEST_DATABASE_URL is not set: running the suite on PGlite only.')

// Browser tests drive Debian's Chromium; without it they are left out, saying so.
const chromium = '/usr/bin/chromium'
const browser = existsSync(chromium)
if (!browser) {
  console.warn(
    `Chromium is not installed (${chromium}): SKIPPING the end-to-end tests (test/e2e). ` +
      'Install it with `apt-get install chromium` to run them.',
  )
}

const ownProjects = ['test/client/**', 'test/e2e/**']

const backend = (name: 'pglite' | 'postgres') => ({
  extends: true as const,
  test: {
    name,
    env: { TEST_BACKEND: name },
    globalSetup: ['test/helpers/database-templates.ts', 'test/helpers/client-build.ts'],
    // The API tests share no module state that matters (each file builds its own app and database), so a
    // worker keeps the modules it has loaded from one file to the next instead of loading the server again.
    isolate: false,
    include: ['test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, ...ownProjects],
  },
})

// Components and chart builders, in a simulated DOM; once, whatever the backends.
const client = {
  extends: true as const,
  plugins: [vue()],
  define: {
    __VUE_I18N_FULL_INSTALL__: false,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  test: { name: 'client', environment: 'happy-dom', include: ['test/client/**/*.test.ts'] },
}

// The built app on the real server, in Chromium; once, on the embedded database.
const e2e = {
  extends: true as const,
  test: {
    name: 'e2e',
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/helpers/client-build.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // A page waited on is a page waited on, not a timing: give a busy machine time to get there.
    expect: { poll: { timeout: 10_000 } },
  },
}

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Vitest runs one file at a time on a 2-core machine (cores − 1), but the files spend much of their time
    // waiting on PostgreSQL, a server child or Chromium: two at a time takes the suite under ten minutes.
    maxWorkers: 2,
    projects: [
      ...(postgres ? [backend('pglite'), backend('postgres')] : [backend('pglite')]),
      client,
      ...(browser ? [e2e] : []),
    ],
  },
})
