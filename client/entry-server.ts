import { AsyncLocalStorage } from 'node:async_hooks'
import { renderToString, type SSRContext } from 'vue/server-renderer'
import { createMemoryHistory } from 'vue-router'
import { type ApiTransport, setApiTransport } from './api/client.ts'
import { createDashboardApp, documentTitle } from './app.ts'
import { RenderCollector } from './ssr/rendered-state.ts'
import type { ServerEntry } from './ssr/server-entry.ts'

// The server's render of the dashboard's pages (built by `vite build --ssr` into client/dist-server, used by
// server/pages/rendered-pages.ts): a page whose route says `serverRendered`, with its data, as HTML, and the
// data as JSON for the browser to take over with. Several renders run at once, one per request: each page's
// API requests go through that request's own transport.

const transports = new AsyncLocalStorage<ApiTransport>()
setApiTransport((url, init) => {
  const transport = transports.getStore()
  if (!transport) return Promise.reject(new Error(`${url}: an API request outside any page's render`))
  return transport(url, init)
})

const { router: routes } = createDashboardApp({ history: createMemoryHistory() })

export const rendersOnServer: ServerEntry['rendersOnServer'] = (path) =>
  routes.resolve(path).meta.serverRendered === true

export const render: ServerEntry['render'] = ({ url, locale, transport }) =>
  transports.run(transport, async () => {
    const collector = new RenderCollector(locale)
    const { app, i18n, router } = createDashboardApp({
      history: createMemoryHistory(),
      locale,
      rendered: collector,
    })
    await router.push(url)
    await router.isReady()
    const route = router.currentRoute.value
    if (route.meta.serverRendered !== true) return undefined
    const context: SSRContext = {}
    const html = await renderToString(app, context)
    return {
      html,
      state: collector.toJSON(),
      title: documentTitle(route, i18n),
      modules: [...((context.modules as Set<string> | undefined) ?? [])],
    }
  })
