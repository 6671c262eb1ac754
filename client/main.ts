import { createApp, watchEffect } from 'vue'
import App from './App.vue'
import { createAppI18n } from './i18n/index.ts'
import { createAppRouter } from './router.ts'
import { installSignInGuard } from './routes/editing.ts'
import './styles/main.css'

const i18n = createAppI18n()
const router = createAppRouter()
installSignInGuard(router)

// <html lang> and the document title follow the language and the page.
watchEffect(() => {
  const { t, locale } = i18n.global
  document.documentElement.lang = locale.value
  const page = router.currentRoute.value.meta.titleKey
  document.title = page ? `${t(page)} | ${t('app.title')}` : t('app.title')
})

// The first page's code is asked for now, while the app mounts: the router would ask only once it is mounted.
for (const record of router.resolve(location.pathname).matched) {
  const page = record.components?.default
  if (typeof page === 'function') void (page as () => Promise<unknown>)()
}

createApp(App).use(i18n).use(router).mount('#app')
