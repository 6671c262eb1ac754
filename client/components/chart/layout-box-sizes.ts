export interface ChartBoxSize {
  width: number
  height: number
}

/** Where the dashboard lays its charts out in one column, at phone sizes (client/styles/main.css). */
export const PHONE_LAYOUT_MEDIA = '(max-width: 760px)'

/**
 * The size of a chart's box in the dashboard's layout (client/styles/main.css), before the page can be
 * measured: a page rendered on the server asks for the server's drawing of its charts at these sizes. A
 * window at least as wide as the layout (1,336 px with the scrollbar's room) lays a chart that spans the grid
 * (`wide`) or half of it out at exactly this size; a phone 390 px wide, whose scrollbars take no room
 * (`phone`), too. Elsewhere the image is drawn again at the size measured.
 * test/e2e/server-rendered.e2e.test.ts holds these against the layout.
 */
export const LAYOUT_BOX_SIZES = {
  wide: { width: 1222, height: 340 },
  half: { width: 586, height: 320 },
  phone: { width: 324, height: 300 },
} as const satisfies Record<string, ChartBoxSize>
