import { onScopeDispose, type Ref, ref, watch } from 'vue'

export interface PresenterOptions {
  /** The slide shown, 0-based; the presenter moves it, the page may too (a link, the URL). */
  index: Ref<number>
  count: Ref<number>
  /** Seconds per slide while the deck runs by itself. */
  autoSeconds: Ref<number>
  /** Run by itself from the start (a deck made to run unattended). */
  autoStart?: boolean
  /** The element shown full screen. */
  stage: Ref<HTMLElement | null | undefined>
  /** Esc outside full screen: leave the presentation. */
  onExit: () => void
  /** `L`: the other language. */
  onToggleLanguage: () => void
}

const NEXT_KEYS = new Set(['ArrowRight', 'ArrowDown', 'PageDown', ' ', 'Enter'])
const PREVIOUS_KEYS = new Set(['ArrowLeft', 'ArrowUp', 'PageUp', 'Backspace'])

/** A key meant for a control the focus is in (typing, pressing a button), not for the deck. */
function forControl(event: KeyboardEvent) {
  const target = event.target as HTMLElement | null
  if (!target || typeof target.closest !== 'function') return false
  if (target.closest('input, textarea, select, [contenteditable="true"]')) return true
  return (event.key === ' ' || event.key === 'Enter') && target.closest('button, a[href], summary') !== null
}

/**
 * Moves through a deck by keyboard (arrows, space, Page Up/Down as presentation clickers send, Home, End), runs
 * it by itself on request, and puts it full screen (`F`); Esc leaves. Listeners and the timer end with the scope.
 */
export function usePresenter({
  index,
  count,
  autoSeconds,
  autoStart = false,
  stage,
  onExit,
  onToggleLanguage,
}: PresenterOptions) {
  const fullscreen = ref(false)
  const running = ref(autoStart)

  const go = (to: number) => {
    index.value = Math.min(Math.max(to, 0), Math.max(count.value - 1, 0))
  }
  const next = () => go(index.value + 1)
  const previous = () => go(index.value - 1)

  async function toggleFullscreen() {
    if (document.fullscreenElement) {
      await document.exitFullscreen().catch(() => undefined)
      return
    }
    // Refused without a user gesture or where the page may not (an iframe): the deck still shows.
    await stage.value?.requestFullscreen?.({ navigationUI: 'hide' }).catch(() => undefined)
  }
  const onFullscreenChange = () => {
    fullscreen.value = document.fullscreenElement !== null
  }

  let timer: ReturnType<typeof setTimeout> | undefined
  const stopTimer = () => {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
  }
  // The timer starts again on every slide, however it was reached; after the last slide the deck starts over.
  function schedule() {
    stopTimer()
    if (!running.value || count.value < 2) return
    timer = setTimeout(
      () => go(index.value + 1 >= count.value ? 0 : index.value + 1),
      autoSeconds.value * 1000,
    )
  }
  watch([running, index, count, autoSeconds], schedule, { immediate: true })
  const toggleAuto = () => {
    running.value = !running.value
  }

  function onKeydown(event: KeyboardEvent) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented || forControl(event)) return
    const key = event.key
    let handled = true
    if (key === ' ' && event.shiftKey) previous()
    else if (NEXT_KEYS.has(key)) next()
    else if (PREVIOUS_KEYS.has(key)) previous()
    else if (key === 'Home') go(0)
    else if (key === 'End') go(count.value - 1)
    else if (key === 'f' || key === 'F') void toggleFullscreen()
    else if (key === 'l' || key === 'L') onToggleLanguage()
    else if (key === 'a' || key === 'A') toggleAuto()
    else if (key === 'Escape') {
      // In full screen the browser leaves full screen on Esc itself; otherwise Esc leaves the deck.
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined)
      else onExit()
    } else handled = false
    if (handled) event.preventDefault()
  }

  window.addEventListener('keydown', onKeydown)
  document.addEventListener('fullscreenchange', onFullscreenChange)
  onScopeDispose(() => {
    stopTimer()
    window.removeEventListener('keydown', onKeydown)
    document.removeEventListener('fullscreenchange', onFullscreenChange)
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined)
  })

  return { next, previous, go, fullscreen, toggleFullscreen, running, toggleAuto }
}
