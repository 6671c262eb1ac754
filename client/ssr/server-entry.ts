import type { ApiTransport } from '../api/client.ts'
import type { Locale } from '../i18n/index.ts'

// What the server's build of the dashboard (client/entry-server.ts, built into client/dist-server) offers the
// server (server/pages/rendered-pages.ts): the two sides meet here, without the server loading any .vue file.

export interface RenderRequest {
  /** The page's path and query, as the browser asked for it. */
  url: string
  locale: Locale
  /** Answers the page's API requests as the visitor would have them answered (their cookies, their rights). */
  transport: ApiTransport
}

export interface RenderedPage {
  /** The app's markup, for inside `<div id="app">`. */
  html: string
  /** The page's data (./rendered-state.ts), safe inside a <script> element. */
  state: string
  title: string
  /** The source modules the page was rendered from, to name their built files in the page (preloading). */
  modules: string[]
}

export interface ServerEntry {
  /** Whether the server renders the page at `path` (its route says so): a lookup in the routes, no render. */
  rendersOnServer(path: string): boolean
  /** The page at `url`, rendered, or undefined where its route is not rendered on the server. */
  render(request: RenderRequest): Promise<RenderedPage | undefined>
}
