import type { RouteRecordRaw, Router } from 'vue-router'
import { loadSession } from '../composables/useSession.ts'

// Signing in, the record forms, users and the history of a record. Every page here needs a signed-in user
// (`meta.signIn`): an anonymous visitor is sent to the sign-in page, which brings them back.

const findingForm = () => import('../pages/FindingFormPage.vue')
const outcomeForm = () => import('../pages/OutcomeFormPage.vue')
const projectForm = () => import('../pages/ProjectFormPage.vue')
const eventForm = () => import('../pages/EventFormPage.vue')
const organizationForm = () => import('../pages/OrganizationFormPage.vue')
const targetForm = () => import('../pages/TargetFormPage.vue')
const grantForm = () => import('../pages/GrantFormPage.vue')

export const editingRoutes: RouteRecordRaw[] = [
  {
    path: '/sign-in',
    name: 'sign-in',
    component: () => import('../pages/SignInPage.vue'),
    meta: { titleKey: 'auth.title' },
  },
  {
    path: '/findings/new',
    name: 'finding-new',
    component: findingForm,
    meta: { titleKey: 'forms.titles.findingNew', signIn: true },
  },
  {
    path: '/findings/:id(\\d+)/edit',
    name: 'finding-edit',
    component: findingForm,
    meta: { titleKey: 'forms.titles.findingEdit', signIn: true },
  },
  {
    path: '/outcomes/new',
    name: 'outcome-new',
    component: outcomeForm,
    meta: { titleKey: 'forms.titles.outcomeNew', signIn: true },
  },
  {
    path: '/outcomes/:id(\\d+)/edit',
    name: 'outcome-edit',
    component: outcomeForm,
    meta: { titleKey: 'forms.titles.outcomeEdit', signIn: true },
  },
  {
    path: '/projects/new',
    name: 'project-new',
    component: projectForm,
    meta: { titleKey: 'forms.titles.projectNew', signIn: true },
  },
  {
    path: '/projects/:id(\\d+)/edit',
    name: 'project-edit',
    component: projectForm,
    meta: { titleKey: 'forms.titles.projectEdit', signIn: true },
  },
  {
    path: '/events/new',
    name: 'event-new',
    component: eventForm,
    meta: { titleKey: 'forms.titles.eventNew', signIn: true },
  },
  {
    path: '/events/:id(\\d+)/edit',
    name: 'event-edit',
    component: eventForm,
    meta: { titleKey: 'forms.titles.eventEdit', signIn: true },
  },
  {
    path: '/organizations/new',
    name: 'organization-new',
    component: organizationForm,
    meta: { titleKey: 'forms.titles.organizationNew', signIn: true },
  },
  {
    path: '/organizations/:id(\\d+)/edit',
    name: 'organization-edit',
    component: organizationForm,
    meta: { titleKey: 'forms.titles.organizationEdit', signIn: true },
  },
  {
    path: '/targets',
    name: 'targets',
    component: () => import('../pages/TargetsPage.vue'),
    meta: { titleKey: 'forms.titles.targets', signIn: true },
  },
  {
    path: '/targets/new',
    name: 'target-new',
    component: targetForm,
    meta: { titleKey: 'forms.titles.targetNew', signIn: true },
  },
  {
    path: '/targets/:id(\\d+)/edit',
    name: 'target-edit',
    component: targetForm,
    meta: { titleKey: 'forms.titles.targetEdit', signIn: true },
  },
  // A grant belongs to its project, whose page lists it: its forms live under the project.
  {
    path: '/projects/:project(\\d+)/grants/new',
    name: 'grant-new',
    component: grantForm,
    meta: { titleKey: 'forms.titles.grantNew', signIn: true },
  },
  {
    path: '/projects/:project(\\d+)/grants/:id(\\d+)/edit',
    name: 'grant-edit',
    component: grantForm,
    meta: { titleKey: 'forms.titles.grantEdit', signIn: true },
  },
  {
    path: '/users',
    name: 'users',
    component: () => import('../pages/UsersPage.vue'),
    meta: { titleKey: 'users.title', signIn: true },
  },
  {
    path: '/history/:table(projects|findings|outcomes|events|organizations|kpi_targets|project_grants|users)/:id(\\d+)',
    name: 'history',
    component: () => import('../pages/RecordHistoryPage.vue'),
    meta: { titleKey: 'audit.title', signIn: true },
  },
  {
    path: '/changes',
    name: 'changes',
    component: () => import('../pages/ChangesPage.vue'),
    meta: { titleKey: 'changes.title', signIn: true },
  },
  {
    path: '/import',
    name: 'import',
    component: () => import('../pages/ImportPage.vue'),
    meta: { titleKey: 'imports.title', signIn: true },
  },
]

/** Pages that need a signed-in user send anonymous visitors to sign in first, and back afterwards. */
export function installSignInGuard(router: Router) {
  router.beforeEach(async (to) => {
    if (!to.meta.signIn) return true
    const session = await loadSession()
    if (session.user) return true
    return { path: '/sign-in', query: { returnTo: to.fullPath } }
  })
}
