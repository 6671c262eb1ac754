import { BarChart, LineChart } from 'echarts/charts'
import { GridComponent, LegendPlainComponent, MarkLineComponent, TooltipComponent } from 'echarts/components'
import { use } from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'

// Only what the dashboard draws. SVG keeps charts sharp on projectors and in print.
// MarkLine: the zero line of the fold-change bars (project page).
use([
  BarChart,
  LineChart,
  GridComponent,
  LegendPlainComponent,
  MarkLineComponent,
  TooltipComponent,
  SVGRenderer,
])
