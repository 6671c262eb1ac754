import { shallowRef, watch } from 'vue'
import { choices } from '../api/records.ts'
import { useSession } from './useSession.ts'

// The ids of the projects a partner's institution takes part in, fetched once per signed-in partner: the list
// screens ask it whether to offer "edit" on a finding or outcome (the server decides all the same).

const owned = shallowRef<ReadonlySet<number>>()
let loadedFor: number | undefined

export function useOwnProjects() {
  const { user } = useSession()
  watch(
    () => (user.value?.role === 'partner' ? (user.value.organizationId ?? undefined) : undefined),
    async (organization) => {
      if (organization === loadedFor) return
      loadedFor = organization
      owned.value = undefined
      if (organization === undefined) return
      try {
        const projects = await choices.projectsOf(organization)
        if (loadedFor === organization) owned.value = new Set(projects.map((p) => p.id))
      } catch {
        // Without the list no edit link shows; the record's own form still says what the partner may do.
      }
    },
    { immediate: true },
  )
  return owned
}
