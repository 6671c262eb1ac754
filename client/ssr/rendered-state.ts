import { type App, type InjectionKey, inject } from 'vue'
import type { ErrorResponse } from '../../server/schemas/common.ts'
import type { Locale } from '../i18n/index.ts'

// A page the server renders (client/entry-server.ts) arrives with what its requests answered, so that the
// browser takes over the server's markup (hydration) with the same data, instead of drawing the page again
// from nothing. Each `useAsync` is known by its `useId()`, which the server and the browser give alike.

/** What one `useAsync` had loaded when the server rendered the page: for which key, and its answer. */
interface RenderedAnswer {
  /** The load's key, as JSON: an answer for other filters is not this one's. */
  key: string
  /** Index into `values`: the same answer twice (two filter bars) travels once. */
  value?: number
  error?: ErrorResponse
}

/** The page's state as it travels in the HTML (`<script type="application/json" id="rendered-state">`). */
export interface RenderedPayload {
  locale: Locale
  answers: Record<string, RenderedAnswer>
  values: unknown[]
}

export type Outcome<T> = { data: T } | { error: ErrorResponse }

/** On the server: collects each answer the page's requests gave, to send with the page. */
export class RenderCollector {
  readonly side = 'server'
  private readonly answers: Record<string, RenderedAnswer> = {}
  private readonly values: string[] = []
  private readonly indexOf = new Map<string, number>()

  constructor(readonly locale: Locale) {}

  keep(id: string, key: string, outcome: Outcome<unknown>) {
    if ('error' in outcome) {
      this.answers[id] = { key, error: outcome.error }
      return
    }
    if (outcome.data === undefined) {
      this.answers[id] = { key }
      return
    }
    const json = JSON.stringify(outcome.data)
    let index = this.indexOf.get(json)
    if (index === undefined) {
      index = this.values.push(json) - 1
      this.indexOf.set(json, index)
    }
    this.answers[id] = { key, value: index }
  }

  /** The payload as JSON that is safe inside a <script> element (no `</script>`, no `<!--`). */
  toJSON(): string {
    const json = `{"locale":${JSON.stringify(this.locale)},"answers":${JSON.stringify(this.answers)},"values":[${this.values.join(',')}]}`
    return json
      .replace(/</g, '\\u003c')
      .replace(/\u2028/g, '\\u2028')
      .replace(/\u2029/g, '\\u2029')
  }
}

/** In the browser: the server's answers, each given once, to the `useAsync` it came from, while hydrating. */
export class RenderedAnswers {
  readonly side = 'browser'
  private hydrating = true

  constructor(private readonly payload: RenderedPayload) {}

  get locale(): Locale {
    return this.payload.locale
  }

  /** Whether components being set up now take over the server's markup (only until the app has mounted). */
  get isHydrating(): boolean {
    return this.hydrating
  }

  take(id: string, key: string): Outcome<unknown> | undefined {
    if (!this.hydrating) return undefined
    const answer = this.payload.answers[id]
    if (!answer || answer.key !== key) return undefined
    delete this.payload.answers[id]
    if (answer.error) return { error: answer.error }
    return { data: answer.value === undefined ? undefined : this.payload.values[answer.value] }
  }

  /** The app has mounted: from now on every component loads its own data. */
  finish() {
    this.hydrating = false
    this.payload.answers = {}
    this.payload.values = []
  }
}

export type RenderedState = RenderCollector | RenderedAnswers

const RENDERED: InjectionKey<RenderedState> = Symbol('rendered-state')

export function provideRenderedState(app: App, state: RenderedState) {
  app.provide(RENDERED, state)
}

/** The server's render or the browser's hydration of it, if this component is part of either. */
export function useRenderedState(): RenderedState | undefined {
  const state = inject(RENDERED, undefined)
  if (state?.side === 'browser' && !state.isHydrating) return undefined
  return state
}

/** True while rendering on the server: module-wide state (the browser's one session) must not be used. */
export const onServer = () => inject(RENDERED, undefined)?.side === 'server'

export const RENDERED_STATE_ID = 'rendered-state'

/** The payload the server put in the page, if it rendered it. */
export function readRenderedPayload(doc: Document): RenderedPayload | undefined {
  const element = doc.getElementById(RENDERED_STATE_ID)
  if (!element?.textContent) return undefined
  try {
    return JSON.parse(element.textContent) as RenderedPayload
  } catch {
    return undefined
  }
}
