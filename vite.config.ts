import vue from '@vitejs/plugin-vue'
import { type BuildEnvironmentOptions, defineConfig } from 'vite'
import { compression } from 'vite-plugin-compression2'

// The dashboard: built into client/dist, which the Fastify server serves (server/plugins/client.ts), and with
// `--ssr` into client/dist-server: the server's render of the pages it renders (server/pages/rendered-pages.ts).
// `npm run build` makes both. `npm run dev` serves the dashboard with hot reload (drawn in the browser only)
// and forwards the API to a server on port 3000.

const browserBuild: BuildEnvironmentOptions = {
  outDir: 'dist',
  emptyOutDir: true,
  target: 'es2022',
  // Which built files each source module ended up in: the server names a rendered page's files in it.
  ssrManifest: true,
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
          // The framework, in one file: every page needs it, and it changes only with an upgrade.
          { name: 'vendor', test: /node_modules[\\/](@vue|vue|vue-router|vue-i18n|@intlify)[\\/]/ },
          // The modules two pages or more share (composables, API calls, chart builders, common components and
          // what they use of the server's and the database's modules), in one file rather than some twenty
          // small ones fetched one after another: the overview's first view waited on them. Not what would
          // bring ECharts or pptxgenjs into the first load.
          {
            name: 'shared',
            minShareCount: 2,
            test: (id) =>
              /[\\/](client|server|db)[\\/](?!pages[\\/])/.test(id) &&
              !/node_modules|[\\/]charts[\\/](register|export)\.ts|pptx/.test(id),
          },
        ],
      },
    },
  },
}

// One file, imported once by the server (and again after a new build): the pages' code is all in it.
const serverBuild: BuildEnvironmentOptions = {
  outDir: 'dist-server',
  emptyOutDir: true,
  target: 'node20',
  rolldownOptions: { output: { codeSplitting: false } },
}

export default defineConfig(({ isSsrBuild }) => ({
  root: 'client',
  // Each file of 1 KB or more is written gzipped and brotli-compressed beside it too, compressed once at build:
  // the server sends the one the browser accepts (server/plugins/client.ts).
  plugins: [vue(), ...(isSsrBuild ? [] : [compression({ threshold: 1024, logLevel: 'silent' })])],
  define: {
    // vue-i18n's Composition API only: drops the legacy API and devtools hooks from the bundle.
    __VUE_I18N_FULL_INSTALL__: false,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  build: isSsrBuild ? serverBuild : browserBuild,
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
      '/docs': 'http://localhost:3000',
    },
  },
}))
