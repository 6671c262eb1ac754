import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'
import { compression } from 'vite-plugin-compression2'

// The dashboard: built into client/dist, which the Fastify server serves (server/plugins/client.ts).
// `npm run dev` serves it with hot reload and forwards the API to a server on port 3000.
export default defineConfig({
  root: 'client',
  // Each file of 1 KB or more is written gzipped and brotli-compressed beside it too, compressed once at build:
  // the server sends the one the browser accepts (server/plugins/client.ts).
  plugins: [vue(), compression({ threshold: 1024, logLevel: 'silent' })],
  define: {
    // vue-i18n's Composition API only: drops the legacy API and devtools hooks from the bundle.
    __VUE_I18N_FULL_INSTALL__: false,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // ECharts is most of the weight: its own chunk, cached across releases, loaded for the first live chart.
    // pptxgenjs (and the zip writer under it) likewise, loaded with the first PowerPoint export only.
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      output: {
        codeSplitting: {
          includeDependenciesRecursively: false,
          groups: [
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender|vue-echarts|tslib)[\\/]/ },
            { name: 'pptxgenjs', test: /node_modules[\\/](pptxgenjs|jszip|pako)[\\/]/ },
            // The modules two pages or more share (composables, API calls, chart builders, common components),
            // in one file rather than some twenty small ones fetched one after another: the overview's first
            // view waited on them. Not what would bring ECharts or pptxgenjs into the first load.
            {
              name: 'shared',
              minShareCount: 2,
              test: (id) =>
                /[\\/]client[\\/](?!pages[\\/])/.test(id) &&
                !/[\\/]charts[\\/](register|export)\.ts|pptx/.test(id),
            },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
      '/docs': 'http://localhost:3000',
    },
  },
})
