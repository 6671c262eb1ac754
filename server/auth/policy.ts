import type { Role, Viewer } from './viewer.ts'

// Who may call each route, keyed by method and Fastify route url. server/plugins/policy.ts enforces it on
// every request before anything else runs (no body is parsed for a refused request), and refuses any route
// that has no entry here; test/server/auth/policy-matrix.test.ts lists routes without one and fails.
//
// `public` lets anyone in, anonymous visitors too: what they then see is the visibility rule's business
// (server/auth/visibility.ts). A list of roles lets in signed-in users of those roles; anonymous visitors
// answer 401, other roles 403. Partners' writes are further limited to the projects they take part in, and
// to the fields they may set, by the repositories (server/repositories/record-access.ts).

export type Access = 'public' | readonly Role[]

const EDITORS = ['admin', 'manager'] as const
const CONTRIBUTORS = ['admin', 'manager', 'partner'] as const
const ADMINS = ['admin'] as const

/** Read it all, change it with the editors: a resource whose records are program-wide. */
const resource = (path: string, write: readonly Role[] = EDITORS): Record<string, Access> => ({
  [`GET ${path}`]: 'public',
  [`GET ${path}.csv`]: 'public',
  [`GET ${path}.xlsx`]: 'public',
  [`GET ${path}/:id`]: 'public',
  [`POST ${path}`]: write,
  [`PATCH ${path}/:id`]: write,
  [`DELETE ${path}/:id`]: write,
})

export const POLICY: Readonly<Record<string, Access>> = {
  'GET /api/health': 'public',
  'GET /api/ready': 'public',

  'GET /api/auth/session': 'public',
  'POST /api/auth/sign-in': 'public',
  // Ends the session there is, if any.
  'POST /api/auth/sign-out': 'public',

  'GET /api/users': ADMINS,
  'GET /api/users/:id': ADMINS,
  'POST /api/users': ADMINS,
  'PATCH /api/users/:id': ADMINS,
  'DELETE /api/users/:id': ADMINS,

  'GET /api/audit': EDITORS,
  'GET /api/audit/actors': EDITORS,
  'GET /api/audit/:table/:id': EDITORS,

  ...resource('/api/organizations'),
  ...resource('/api/projects'),
  'POST /api/projects/:id/grants': EDITORS,
  'PATCH /api/grants/:id': EDITORS,
  'DELETE /api/grants/:id': EDITORS,
  ...resource('/api/findings', CONTRIBUTORS),
  // As the finding itself: whoever may see it (a hidden one answers 404).
  'GET /api/findings/:id/metabolites': 'public',
  // A partner imports only into findings of its own projects (server/repositories/record-access.ts).
  'POST /api/findings/:id/metabolites/import': CONTRIBUTORS,
  'GET /api/metabolites': 'public',
  ...resource('/api/outcomes', CONTRIBUTORS),

  'GET /api/stats/overview': 'public',
  'GET /api/stats/adoptions': 'public',
  'GET /api/stats/products': 'public',
  'GET /api/stats/attendance': 'public',
  'GET /api/stats/institutions': 'public',
  'GET /api/stats/funnel': 'public',
  'GET /api/stats/charts/:chart': 'public',
  'GET /api/stats/filter-options': 'public',

  ...resource('/api/events'),
  ...resource('/api/targets'),
  // Menus are read-only (their terms are the rules recorded grants were checked against).
  'GET /api/menus': 'public',
  'GET /api/menus.csv': 'public',
  'GET /api/menus.xlsx': 'public',
  'GET /api/menus/:id': 'public',
  'GET /api/programs': 'public',

  // Records from spreadsheets: the program office imports every kind; a partner findings and outcomes, of its
  // own projects only (the repositories' checks, as for one record at a time). Saved mappings go with them.
  'POST /api/imports/projects': EDITORS,
  'POST /api/imports/events': EDITORS,
  'POST /api/imports/findings': CONTRIBUTORS,
  'POST /api/imports/outcomes': CONTRIBUTORS,
  'GET /api/import-mappings': CONTRIBUTORS,
  'POST /api/import-mappings': CONTRIBUTORS,
  'PATCH /api/import-mappings/:id': CONTRIBUTORS,
  'DELETE /api/import-mappings/:id': CONTRIBUTORS,

  // Seminar slide decks: anyone may present one (they show public data only); the program office makes them.
  'GET /api/decks': 'public',
  'GET /api/decks/:id': 'public',
  'POST /api/decks': EDITORS,
  'PATCH /api/decks/:id': EDITORS,
  'DELETE /api/decks/:id': EDITORS,
  'POST /api/decks/:id/freeze': EDITORS,

  // The API documentation (@fastify/swagger-ui) and the dashboard's own files.
  'GET /docs': 'public',
  'GET /docs/json': 'public',
  'GET /docs/yaml': 'public',
  'GET /docs/static/*': 'public',
  'GET /docs/static/index.html': 'public',
  'GET /docs/static/swagger-initializer.js': 'public',
  // The overview, rendered on the server with the viewer's own data (server/plugins/client.ts).
  'GET /': 'public',
  'GET /*': 'public',
}

/** The access rule of a route; HEAD follows GET. undefined: the route has no entry and is refused. */
export function accessOf(method: string, url: string): Access | undefined {
  return POLICY[`${method === 'HEAD' ? 'GET' : method} ${url}`]
}

export const allows = (access: Access, viewer: Viewer): boolean =>
  access === 'public' || (viewer.kind === 'user' && access.includes(viewer.role))
