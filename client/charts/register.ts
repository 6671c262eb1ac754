import { BarChart, LineChart } from 'echarts/charts'
import { GridComponent, LegendPlainComponent, TooltipComponent } from 'echarts/components'
import { use } from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'

// Only what the dashboard draws. SVG keeps charts sharp on projectors and in print.
use([BarChart, LineChart, GridComponent, LegendPlainComponent, TooltipComponent, SVGRenderer])
