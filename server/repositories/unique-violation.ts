import type { ConflictError } from '../domain/errors.ts'

/**
 * Runs `work`; a violation of the unique key `constraint` becomes `conflict()`, a 409 that names the field,
 * instead of the generic answer for a key made of several columns. The key stays the one guard, race-free.
 */
export async function refusingDuplicate<T>(
  work: Promise<T>,
  constraint: string,
  conflict: () => ConflictError,
): Promise<T> {
  try {
    return await work
  } catch (error) {
    const { code, constraint: violated } = error as { code?: unknown; constraint?: unknown }
    if (code === '23505' && violated === constraint) throw conflict()
    throw error
  }
}
