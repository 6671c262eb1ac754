import { watchEffect } from 'vue'
import { createWebHistory } from 'vue-router'
import { createDashboardApp, documentTitle } from './app.ts'
import { applyLocale, chosenLocale } from './i18n/index.ts'
import { RenderedAnswers, readRenderedPayload } from './ssr/rendered-state.ts'
import './styles/main.css'

// A page the server rendered (client/entry-server.ts) is taken over as it is, with the answers it was
// rendered from; any other page is drawn here from nothing.
const payload = readRenderedPayload(document)
const rendered = payload && new RenderedAnswers(payload)
const { app, i18n, router } = createDashboardApp({
  history: createWebHistory(),
  locale: rendered?.locale ?? chosenLocale(),
  rendered,
})

// <html lang> and the document title follow the language and the page.
watchEffect(() => {
  document.documentElement.lang = i18n.global.locale.value
  document.title = documentTitle(router.currentRoute.value, i18n)
})

if (rendered) {
  // The page's code is already loaded (the server named it in the page); the router resolves it at once.
  void router.isReady().then(() => {
    app.mount('#app')
    rendered.finish()
    // A language chosen before the choice travelled in a cookie: the server could not know it.
    const chosen = chosenLocale()
    if (chosen && chosen !== rendered.locale) applyLocale(i18n.global.locale, chosen)
  })
} else {
  // The first page's code is asked for now, while the app mounts: the router would ask only once it is mounted.
  for (const record of router.resolve(location.pathname).matched) {
    const page = record.components?.default
    if (typeof page === 'function') void (page as () => Promise<unknown>)()
  }
  app.mount('#app')
}
