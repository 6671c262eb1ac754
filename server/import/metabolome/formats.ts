// The names the API uses for what the import reads; no dependencies, so the API schemas (and the client's
// types through them) can import them without the parsers.

export const METABOLITE_FORMATS = ['lab', 'maf', 'mwtab'] as const
export type MetaboliteFormat = (typeof METABOLITE_FORMATS)[number]

/** How the file was read: the container its rows came in. */
export const FILE_LAYOUTS = ['csv', 'tsv', 'xlsx', 'mwtab-text', 'mwtab-json'] as const
export type FileLayout = (typeof FILE_LAYOUTS)[number]

export const TEXT_ENCODINGS = ['utf-8', 'shift_jis'] as const
export type TextEncoding = (typeof TEXT_ENCODINGS)[number]
