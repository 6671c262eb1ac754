import { defineConfig } from 'vitest/config'

// The same suite runs on embedded PGlite and, when TEST_DATABASE_URL is set, on real PostgreSQL.
const postgres = process.env.TEST_DATABASE_URL
if (!postgres) console.warn('TEST_DATABASE_URL is not set: running the suite on PGlite only.')

const backend = (name: 'pglite' | 'postgres') => ({
  extends: true as const,
  test: { name, env: { TEST_BACKEND: name }, include: ['test/**/*.test.ts'] },
})

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: postgres ? [backend('pglite'), backend('postgres')] : [backend('pglite')],
  },
})
