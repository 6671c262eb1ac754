import { statSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { pathToFileURL } from 'node:url'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { ApiTransport } from '../../client/api/client.ts'
import { escapeHtml } from '../../client/charts/common.ts'
import { isLocale, LOCALE_COOKIE, type Locale } from '../../client/i18n/index.ts'
import { RENDERED_STATE_ID } from '../../client/ssr/rendered-state.ts'
import type { RenderedPage, ServerEntry } from '../../client/ssr/server-entry.ts'

// The dashboard's pages rendered on the server (those whose route says `serverRendered`): the built page
// (client/dist/index.html) with the app's markup and data in it, so that it is on screen, charts and all,
// before the browser has run any of the app's code; the browser then takes it over (client/main.ts).
// `npm run build` makes both halves: client/dist and the server's render, client/dist-server.

const BUILD_CHECK_MS = 1000

export interface BuildFiles {
  /** client/dist: the page and the browser's files. */
  dist: string
  /** client/dist-server: the server's render. */
  distServer: string
}

interface Build {
  template: string
  /** Source module → the built files it is in (Vite's SSR manifest). */
  manifest: Record<string, string[]>
  entry: ServerEntry
}

/** The reader's language for a page: their choice (a cookie the dashboard sets), else Japanese. */
function pageLocale(request: FastifyRequest): Locale {
  const chosen = request.cookies[LOCALE_COOKIE]
  return isLocale(chosen) ? chosen : 'ja'
}

/**
 * Renders the dashboard's pages with `app` answering their API requests: each request as the visitor's own
 * (their cookie, so their rights), and only reads. Picks up a new build within a second.
 */
export function renderedPages(app: FastifyInstance, files: BuildFiles) {
  const indexFile = `${files.dist}index.html`
  const entryFile = `${files.distServer}entry-server.js`
  let build: Promise<Build | undefined> | undefined
  let builtAs: string | undefined

  /**
   * The build now on disk, by its files' times (undefined: no build, or only half of one), looked at once a
   * second at most: a kept page is sent without a look at the disk, a new build is in use a second later.
   */
  let checked = { at: Number.NEGATIVE_INFINITY, id: undefined as string | undefined }
  function buildId(): string | undefined {
    const now = performance.now()
    if (now - checked.at < BUILD_CHECK_MS) return checked.id
    let id: string | undefined
    try {
      id = `${statSync(indexFile).mtimeMs}-${statSync(entryFile).mtimeMs}`
    } catch {
      id = undefined
    }
    checked = { at: now, id }
    return id
  }

  async function load(id: string): Promise<Build | undefined> {
    try {
      const [template, manifest, entry] = await Promise.all([
        readFile(indexFile, 'utf8'),
        readFile(`${files.dist}.vite/ssr-manifest.json`, 'utf8').then(
          (json) => JSON.parse(json) as Record<string, string[]>,
        ),
        // A new build is a new module (the query), not the one already imported.
        import(`${pathToFileURL(entryFile).href}?build=${encodeURIComponent(id)}`) as Promise<ServerEntry>,
      ])
      return { template, manifest, entry }
    } catch (error) {
      app.log.error(
        { err: error },
        'the server render of the dashboard could not be loaded: pages are drawn in the browser',
      )
      return undefined
    }
  }

  function current(): Promise<Build | undefined> {
    const id = buildId()
    if (id === undefined) return Promise.resolve(undefined)
    if (!build || builtAs !== id) {
      builtAs = id
      build = load(id)
    }
    return build
  }

  const transportFor =
    (request: FastifyRequest): ApiTransport =>
    async (url, init) => {
      if ((init.method ?? 'GET') !== 'GET')
        throw new Error(`${init.method} ${url}: a page's render only reads`)
      const { cookie } = request.headers
      const answer = await app.inject({
        method: 'GET',
        url,
        headers: { accept: 'application/json', ...(cookie ? { cookie } : {}) },
      })
      return new Response(answer.body, {
        status: answer.statusCode,
        headers: { 'content-type': String(answer.headers['content-type'] ?? 'application/json') },
      })
    }

  return {
    /** Tells kept pages of one build and language from those of another. */
    variant: (request: FastifyRequest) => `${pageLocale(request)} ${buildId() ?? 'unbuilt'}`,

    /** The page asked for, rendered; undefined where it is not rendered on the server (or could not be). */
    async render(request: FastifyRequest): Promise<string | undefined> {
      const loaded = await current()
      const path = request.url.split('?')[0] ?? '/'
      if (!loaded?.entry.rendersOnServer(path)) return undefined
      const locale = pageLocale(request)
      try {
        const page = await loaded.entry.render({ url: request.url, locale, transport: transportFor(request) })
        return page && compose(loaded, page, locale)
      } catch (error) {
        request.log.error(
          { err: error },
          'the page could not be rendered on the server: drawn in the browser',
        )
        return undefined
      }
    },
  }
}

/** The built page with the rendered app, its data, its language and title, and its own files named. */
function compose(build: Build, page: RenderedPage, locale: Locale): string {
  const state = `<script type="application/json" id="${RENDERED_STATE_ID}">${page.state}</script>`
  return build.template
    .replace(/<html lang="[^"]*">/, () => `<html lang="${locale}">`)
    .replace(/<title>[^<]*<\/title>/, () => `<title>${escapeHtml(page.title)}</title>`)
    .replace('<!--app-head-->', () => preloadLinks(build, page.modules))
    .replace('<!--app-html--></div>', () => `${page.html}</div>${state}`)
}

/**
 * The page's own code and styles, named in the page so that the browser fetches them with the rest rather
 * than once the app has started (the files the page already names are left out).
 */
function preloadLinks(build: Build, modules: string[]): string {
  const files = new Set(modules.flatMap((module) => build.manifest[module] ?? []))
  const links: string[] = []
  for (const file of files) {
    if (build.template.includes(`"${file}"`)) continue
    if (file.endsWith('.js')) links.push(`<link rel="modulepreload" crossorigin href="${file}">`)
    else if (file.endsWith('.css')) links.push(`<link rel="stylesheet" crossorigin href="${file}">`)
  }
  return links.join('\n    ')
}
