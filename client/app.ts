import { createApp, createSSRApp } from 'vue'
import type { RouteLocationNormalizedLoaded, RouterHistory } from 'vue-router'
import App from './App.vue'
import { type AppI18n, createAppI18n, type Locale } from './i18n/index.ts'
import { createAppRouter } from './router.ts'
import { installSignInGuard } from './routes/editing.ts'
import { provideRenderedState, type RenderedState } from './ssr/rendered-state.ts'

/**
 * The dashboard as one app, for the browser (client/main.ts) and for the server's render of a page
 * (client/entry-server.ts): its router on the given history, its messages in `locale`. With `rendered`, it
 * renders on the server, or takes over the server's markup in the browser.
 */
export function createDashboardApp({
  history,
  locale,
  rendered,
}: {
  history: RouterHistory
  locale?: Locale
  rendered?: RenderedState | undefined
}) {
  const app = rendered ? createSSRApp(App) : createApp(App)
  const i18n = createAppI18n(locale)
  const router = createAppRouter(history)
  installSignInGuard(router)
  app.use(i18n).use(router)
  if (rendered) provideRenderedState(app, rendered)
  return { app, i18n, router }
}

/** The document's title: the page's name, then the dashboard's. */
export function documentTitle(route: RouteLocationNormalizedLoaded, i18n: AppI18n): string {
  const { t } = i18n.global
  const page = route.meta.titleKey
  return page ? `${t(page)} | ${t('app.title')}` : t('app.title')
}
