import Fastify from 'fastify'
import { sql } from 'kysely'
import { connect } from '../db/connect.ts'

// The benchmark's yardsticks, on the same machine and database as the app: a bare Fastify route, a bare
// route sending PAGE_BYTES bytes (as many as the app's rendered overview, gzipped), and a route doing one
// trivial query through the same connection factory. DATABASE_URL and PORT as the app's.

const databaseUrl = process.env.DATABASE_URL
if (!databaseUrl) throw new Error('DATABASE_URL is required')
const handle = await connect({ databaseUrl })
const app = Fastify({ logger: false })
app.get('/bare', async () => ({ ok: true }))
const page = Buffer.alloc(Number(process.env.PAGE_BYTES ?? 0), 'x')
app.get('/page', (_request, reply) => reply.type('text/html; charset=utf-8').send(page))
app.get('/trivial', async () => {
  const { rows } = await sql<{ one: number }>`select 1 as one`.execute(handle.db)
  return { ok: rows[0]?.one === 1 }
})
await app.listen({ port: Number(process.env.PORT ?? 3001), host: '127.0.0.1' })
const stop = async () => {
  await app.close()
  await handle.close()
  process.exit(0)
}
process.once('SIGTERM', stop)
process.once('SIGINT', stop)
