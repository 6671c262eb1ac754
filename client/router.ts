import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import type { Messages } from './i18n/ja.ts'

declare module 'vue-router' {
  interface RouteMeta {
    /** The page's name in the nav and the document title. */
    titleKey: `nav.${keyof Messages['nav']}` | 'notFound.title'
  }
}

// Every page is its own chunk, loaded when first visited. The "coming" pages are placeholders that the
// Projects, Outcomes, Seminars, Institutions and Findings screens replace.
const comingSoon = () => import('./pages/ComingSoonPage.vue')

export const routes: RouteRecordRaw[] = [
  {
    path: '/',
    name: 'overview',
    component: () => import('./pages/OverviewPage.vue'),
    meta: { titleKey: 'nav.overview' },
  },
  { path: '/projects', name: 'projects', component: comingSoon, meta: { titleKey: 'nav.projects' } },
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
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('./pages/NotFoundPage.vue'),
    meta: { titleKey: 'notFound.title' },
  },
]

export function createAppRouter() {
  return createRouter({
    history: createWebHistory(),
    routes,
    // A filter change keeps the reader where they are; a new page starts at its top.
    scrollBehavior: (to, from, saved) => saved ?? (to.path === from.path ? false : { top: 0 }),
  })
}
