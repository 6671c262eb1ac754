import {
  computed,
  type InjectionKey,
  inject,
  onScopeDispose,
  provide,
  type Ref,
  reactive,
  watchEffect,
} from 'vue'
import { type FieldErrors, inputId } from './field-errors.ts'

// A form hands its problems to the fields inside it, and the fields tell the form their labels, so that the
// summary at the top names each problem as the reader sees the field ("Fold change (result 3)").

interface FormContext {
  errors: Readonly<Ref<FieldErrors>>
  labels: Map<string, string>
}

const FORM: InjectionKey<FormContext> = Symbol('form')
/** The legend of the group a field is in (`Metabolite 3`), to tell apart fields of the same name in a summary. */
const GROUP: InjectionKey<() => string> = Symbol('form-group')

export function provideFormContext(errors: Readonly<Ref<FieldErrors>>) {
  const labels = reactive(new Map<string, string>())
  provide(FORM, { errors, labels })
  return { labels }
}

/** A field's id, its messages, and the attributes its input takes (`aria-invalid`, `aria-describedby`). */
export function useFormField(
  name: () => string,
  label: () => string,
  hint: () => string | undefined,
  options: { group?: boolean } = {},
) {
  const form = inject(FORM, undefined)
  const group = inject(GROUP, undefined)
  // The nearest group names the fields inside it: `Metabolite 3 › Fold change`.
  if (options.group) provide(GROUP, label)
  const fullLabel = () => (group ? `${group()} › ${label()}` : label())
  const id = computed(() => inputId(name()))
  const messages = computed(() => form?.errors.value[name()] ?? [])
  const errorId = computed(() => `${id.value}-error`)
  const hintId = computed(() => `${id.value}-hint`)

  if (form) {
    let registered: string | undefined
    watchEffect(() => {
      if (registered !== undefined && registered !== name()) form.labels.delete(registered)
      registered = name()
      form.labels.set(registered, options.group ? label() : fullLabel())
    })
    onScopeDispose(() => {
      if (registered !== undefined) form.labels.delete(registered)
    })
  }

  const describedBy = computed(
    () =>
      [hint() ? hintId.value : undefined, messages.value.length ? errorId.value : undefined]
        .filter(Boolean)
        .join(' ') || undefined,
  )
  const inputAttrs = computed(() => ({
    id: id.value,
    name: name(),
    'aria-invalid': messages.value.length > 0 ? ('true' as const) : undefined,
    'aria-describedby': describedBy.value,
  }))
  return { id, messages, errorId, hintId, inputAttrs }
}
