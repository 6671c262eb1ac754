import { createRouter, type RouteRecordRaw, type RouterHistory } from 'vue-router'
import type { Messages } from './i18n/ja.ts'
import { editingRoutes } from './routes/editing.ts'
import { presentRoutes } from './routes/present.ts'

declare module 'vue-router' {
  interface RouteMeta {
    /** The page's name in the nav and the document title. */
    titleKey:
      | `nav.${keyof Messages['nav']}`
      | 'notFound.title'
      | 'auth.title'
      | `forms.titles.${keyof Messages['forms']['titles']}`
      | 'users.title'
      | 'audit.title'
      | 'changes.title'
      | 'imports.title'
      | `present.titles.${keyof Messages['present']['titles']}`
    /** Only for a signed-in user: others are sent to the sign-in page first (client/routes/editing.ts). */
    signIn?: boolean
    /** Full screen without the dashboard's header (the presentation, client/routes/present.ts). */
    bare?: boolean
    /**
     * The server renders the page with its data (client/entry-server.ts): it is on screen, charts and all,
     * before the browser has run any of the app's code. Its components must not use the browser's globals
     * while being set up.
     */
    serverRendered?: boolean
  }
}

// Every page is its own chunk, loaded when first visited.
export const routes: RouteRecordRaw[] = [
  {
    path: '/',
    name: 'overview',
    component: () => import('./pages/OverviewPage.vue'),
    meta: { titleKey: 'nav.overview', serverRendered: true },
  },
  {
    path: '/projects',
    name: 'projects',
    component: () => import('./pages/ProjectsPage.vue'),
    meta: { titleKey: 'nav.projects' },
  },
  {
    path: '/projects/:id(\\d+)',
    name: 'project',
    component: () => import('./pages/ProjectPage.vue'),
    meta: { titleKey: 'nav.projects' },
  },
  {
    path: '/outcomes',
    name: 'outcomes',
    component: () => import('./pages/OutcomesPage.vue'),
    meta: { titleKey: 'nav.outcomes' },
  },
  {
    path: '/seminars',
    name: 'seminars',
    component: () => import('./pages/SeminarsPage.vue'),
    meta: { titleKey: 'nav.seminars' },
  },
  {
    path: '/institutions',
    name: 'institutions',
    component: () => import('./pages/InstitutionsPage.vue'),
    meta: { titleKey: 'nav.institutions' },
  },
  {
    path: '/findings',
    name: 'findings',
    component: () => import('./pages/FindingsPage.vue'),
    meta: { titleKey: 'nav.findings' },
  },
  ...editingRoutes,
  ...presentRoutes,
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('./pages/NotFoundPage.vue'),
    meta: { titleKey: 'notFound.title' },
  },
]

export function createAppRouter(history: RouterHistory) {
  return createRouter({
    history,
    routes,
    // A filter change keeps the reader where they are; a new page starts at its top.
    scrollBehavior: (to, from, saved) => saved ?? (to.path === from.path ? false : { top: 0 }),
  })
}
