/// <reference types="vitest/config" />
import { vitePlugin as remix } from '@remix-run/dev'
import { defineConfig } from 'vite'
import path from 'node:path'

declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true
  }
}

export default defineConfig({
  resolve: { alias: { '~': path.resolve(import.meta.dirname, 'app') } },
  css: {
    preprocessorOptions: {
      // govuk-frontend's Sass still uses @import; keep its deprecation noise out of builds
      scss: { quietDeps: true, silenceDeprecations: ['import', 'global-builtin', 'mixed-decls'] },
    },
  },
  server: { hmr: { port: 24678 } },
  plugins: process.env.VITEST
    ? []
    : [
        remix({
          ignoredRouteFiles: ['**/*.test.*', '**/*.server.test.*'],
          future: {
            v3_fetcherPersist: true,
            v3_relativeSplatPath: true,
            v3_throwAbortReason: true,
            v3_singleFetch: true,
            v3_lazyRouteDiscovery: true,
          },
        }),
      ],
  test: {
    include: ['app/**/*.test.{ts,tsx}', 'server/**/*.test.ts', 'scripts/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
})
