import { afterEach, describe, expect, it, vi } from 'vitest'
import { createSSRApp, defineComponent, h, ref } from 'vue'
import { renderToString } from 'vue/server-renderer'
import { useAsync } from '../../client/composables/useAsync.ts'
import { resetSession, useSession } from '../../client/composables/useSession.ts'
import {
  provideRenderedState,
  RenderCollector,
  RenderedAnswers,
  type RenderedPayload,
  type RenderedState,
} from '../../client/ssr/rendered-state.ts'

// A page rendered on the server and taken over in the browser (client/ssr/rendered-state.ts): the server
// waits for each useAsync and sends its answer with the page; the browser starts from that answer, with the
// server's markup kept as it is.

/**
 * Two loads, one of them keyed by a filter the test changes, each counting its calls; the second in a child
 * component, as a page's panels are (the ids Vue gives them depend on their parents).
 */
function page(field: { value: string }) {
  const calls = { totals: 0, fields: 0 }
  const Fields = defineComponent({
    setup() {
      const fields = useAsync({
        key: () => field.value,
        load: async (value) => {
          calls.fields++
          if (value === 'broken') throw new Error('no such field')
          return { field: value, count: value.length }
        },
      })
      return () =>
        h('p', { class: 'fields' }, fields.error.value?.message ?? JSON.stringify(fields.data.value ?? null))
    },
  })
  const Page = defineComponent({
    setup() {
      const totals = useAsync({
        key: () => 'totals',
        load: async () => {
          calls.totals++
          return { adoptions: 50 }
        },
      })
      return () =>
        h('main', [
          h('p', { class: 'totals' }, totals.data.value ? String(totals.data.value.adoptions) : 'loading'),
          h(Fields),
        ])
    },
  })
  return { Page, calls }
}

function appWith(component: ReturnType<typeof defineComponent>, state: RenderedState) {
  const app = createSSRApp(component)
  provideRenderedState(app, state)
  return app
}

/** The server's render: its markup and its payload, parsed as the browser will read it. */
async function serverRender(field: string) {
  const { Page, calls } = page({ value: field })
  const collector = new RenderCollector('ja')
  const html = await renderToString(appWith(Page, collector))
  return { html, payload: JSON.parse(collector.toJSON()) as RenderedPayload, calls }
}

afterEach(() => {
  vi.restoreAllMocks()
  document.body.innerHTML = ''
})

describe('a page rendered on the server', () => {
  it('waits for its loads and sends their answers with the page, each once', async () => {
    const { html, payload, calls } = await serverRender('food')
    expect(calls).toEqual({ totals: 1, fields: 1 })
    expect(html).toContain('<p class="totals">50</p>')
    expect(html).toContain('{&quot;field&quot;:&quot;food&quot;,&quot;count&quot;:4}')
    expect(payload.locale).toBe('ja')
    expect(Object.values(payload.answers).map((answer) => answer.key)).toEqual(['"totals"', '"food"'])
    expect(payload.values).toEqual([{ adoptions: 50 }, { field: 'food', count: 4 }])
  })

  it('sends a failed load as its error, for the browser to show the same', async () => {
    const { html, payload } = await serverRender('broken')
    expect(html).toContain('no such field')
    expect(Object.values(payload.answers)[1]?.error?.message).toBe('no such field')
  })

  it('is taken over by the browser without loading again and without a mismatch', async () => {
    const { html, payload } = await serverRender('food')
    const container = document.createElement('div')
    container.innerHTML = html
    document.body.append(container)
    const warnings = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    const field = ref('food')
    const { Page, calls } = page(field)
    const answers = new RenderedAnswers(payload)
    appWith(Page, answers).mount(container)
    answers.finish()
    expect(calls).toEqual({ totals: 0, fields: 0 })
    expect(container.querySelector('.totals')?.textContent).toBe('50')
    expect([...warnings.mock.calls, ...errors.mock.calls].flat().join(' ')).not.toMatch(/hydrat/i)

    // A new key loads as it always did.
    field.value = 'agriculture'
    await vi.waitFor(() => expect(calls.fields).toBe(1))
    await vi.waitFor(() =>
      expect(container.querySelector('.fields')?.textContent).toBe('{"field":"agriculture","count":11}'),
    )
  })

  it('does not hand an answer to a load whose key is not the one it was rendered for', async () => {
    const { payload } = await serverRender('food')
    const { Page, calls } = page({ value: 'medical' })
    const answers = new RenderedAnswers(payload)
    const container = document.createElement('div')
    appWith(Page, answers).mount(container)
    await vi.waitFor(() => expect(calls).toEqual({ totals: 0, fields: 1 }))
  })

  it('hands no answer out once the app has mounted: later pages load their own', async () => {
    const { payload } = await serverRender('food')
    const answers = new RenderedAnswers(payload)
    answers.finish()
    const { Page, calls } = page({ value: 'food' })
    appWith(Page, answers).mount(document.createElement('div'))
    await vi.waitFor(() => expect(calls).toEqual({ totals: 1, fields: 1 }))
  })

  it('keeps the payload inert inside the page: no markup can end its <script> element', () => {
    const collector = new RenderCollector('en')
    collector.keep('v-0', '"k"', { data: { title: '</script><script>alert(1)</script> <!-- \u2028' } })
    const json = collector.toJSON()
    expect(json).not.toMatch(/<\/script|<!--|\u2028/)
    expect((JSON.parse(json) as RenderedPayload).values[0]).toEqual({
      title: '</script><script>alert(1)</script> <!-- \u2028',
    })
  })

  it('renders as before the session is known: the browser holds one session, the server many visitors', async () => {
    resetSession()
    const fetches = vi.spyOn(globalThis, 'fetch')
    const Menu = defineComponent({
      setup() {
        const { user, ready } = useSession()
        return () => h('p', ready.value ? (user.value?.displayName ?? 'anonymous') : 'unknown')
      },
    })
    const html = await renderToString(appWith(Menu, new RenderCollector('ja')))
    expect(html).toBe('<p>unknown</p>')
    expect(fetches).not.toHaveBeenCalled()
  })
})
