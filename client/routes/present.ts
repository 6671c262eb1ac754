import type { RouteRecordRaw } from 'vue-router'

// The seminar presentation (full screen, without the dashboard's header), the saved slide decks, and the
// one-page KPI report of a fiscal year. Anyone may
// present; creating and editing decks needs a signed-in user (the server lets managers and admins).

const present = () => import('../pages/PresentPage.vue')
const deckEditor = () => import('../pages/DeckEditorPage.vue')

export const presentRoutes: RouteRecordRaw[] = [
  {
    path: '/present',
    name: 'present',
    component: present,
    meta: { titleKey: 'present.titles.present', bare: true },
  },
  {
    path: '/present/:deck(\\d+)',
    name: 'present-deck',
    component: present,
    meta: { titleKey: 'present.titles.present', bare: true },
  },
  {
    path: '/decks',
    name: 'decks',
    component: () => import('../pages/DecksPage.vue'),
    meta: { titleKey: 'present.titles.decks' },
  },
  {
    path: '/report',
    name: 'report',
    component: () => import('../pages/ReportPage.vue'),
    meta: { titleKey: 'present.titles.report' },
  },
  {
    path: '/decks/new',
    name: 'deck-new',
    component: deckEditor,
    meta: { titleKey: 'present.titles.deckNew', signIn: true },
  },
  {
    path: '/decks/:id(\\d+)/edit',
    name: 'deck-edit',
    component: deckEditor,
    meta: { titleKey: 'present.titles.deckEdit', signIn: true },
  },
]
