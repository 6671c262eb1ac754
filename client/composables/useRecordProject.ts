import { computed } from 'vue'
import type { ProjectDetail } from '../../server/schemas/projects.ts'
import { choices, projectRecords } from '../api/records.ts'
import { isEditor, type SessionUser } from './permissions.ts'
import { useAsync } from './useAsync.ts'

/**
 * The project a finding or outcome belongs to (it decides whether a partner may change the record, and
 * offers its findings), and, for a new record without one, the projects the user may add to.
 */
export function useRecordProject(options: {
  projectId: () => number | undefined
  user: () => SessionUser | null | undefined
  /** The form asks for a project (a new record opened without one). */
  choosing: () => boolean
}) {
  const project = useAsync<ProjectDetail | undefined, number | undefined>({
    key: options.projectId,
    load: (id, signal) =>
      id === undefined ? Promise.resolve(undefined) : projectRecords.get(id, { signal }),
  })
  const writable = useAsync({
    key: () => {
      const user = options.user()
      if (!user || !options.choosing()) return undefined
      return isEditor(user) ? 'all' : (user.organizationId ?? undefined)
    },
    load: (scope, signal) =>
      scope === undefined
        ? Promise.resolve(undefined)
        : scope === 'all'
          ? choices.projects({ signal })
          : choices.projectsOf(scope, { signal }),
  })
  // The project held is the one asked for (not the previous one while the next loads).
  const current = computed(() => {
    const held = project.data.value
    return held && held.id === options.projectId() ? held : undefined
  })
  /** Not ready to be filled in yet: the project asked for, or the projects to choose from, still on their way. */
  const preparing = computed(
    () =>
      (options.projectId() !== undefined && !current.value && !project.error.value) ||
      (options.choosing() && writable.loading.value),
  )
  return { project, current, writable, preparing }
}
