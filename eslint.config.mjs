import { defineConfig } from 'eslint/config';
import baseConfig from './.config/eslint.config.mjs';

export default defineConfig([
  {
    ignores: [
      '**/logs',
      '**/*.log',
      '**/npm-debug.log*',
      '**/yarn-debug.log*',
      '**/yarn-error.log*',
      '**/.pnpm-debug.log*',
      '**/node_modules/',
      '.yarn/cache',
      '.yarn/unplugged',
      '.yarn/build-state.yml',
      '.yarn/install-state.gz',
      '**/.pnp.*',
      '**/pids',
      '**/*.pid',
      '**/*.seed',
      '**/*.pid.lock',
      '**/lib-cov',
      '**/coverage',
      '**/dist/',
      '**/artifacts/',
      '**/work/',
      '**/ci/',
      'test-results/',
      'playwright-report/',
      'blob-report/',
      'playwright/.cache/',
      'playwright/.auth/',
      '**/.idea',
      '**/.eslintcache',
      'build/',
    ],
  },
  ...baseConfig,
  {
    // src/core stays pure (STYLE.md): no Node I/O, no Grafana, no React, nothing
    // of ours outside core. Both the backend and the frontend import it.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'http', 'https', 'child_process', 'os', 'net'], message: 'src/core is pure: no Node I/O.' },
            { group: ['@grafana/*', 'react', 'react-dom', 'rxjs'], message: 'src/core is pure: no Grafana or React.' },
            // src/core is one level of concept folders (budget/, periods/, ...): from a
            // file in one, `../x/y` stays inside core and `../../` leaves it.
            { group: ['../../*', '../backend/*', '../datasource/*', '../panels/*', '../app/*', '../components/*'], message: 'src/core imports nothing of ours outside src/core.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'fetch', 'process', 'setTimeout', 'setInterval'],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'src/core takes "now" as a parameter.' }, { object: 'performance', property: 'now', message: 'src/core takes "now" as a parameter.' }],
    },
  },
  {
    // The protocol layer knows nothing about SLOs (STYLE.md).
    files: ['src/backend/protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['../../core/*', '../handlers/*', '../sources/*'], message: 'protocol/ knows nothing about SLOs.' }] }],
    },
  },
  {
    // The frontend never talks to Prometheus/Loki or runs backend code.
    files: ['src/datasource/**/*.{ts,tsx}', 'src/panels/**/*.{ts,tsx}', 'src/app/**/*.{ts,tsx}', 'src/components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/backend/*', '**/backend/**'], message: 'The frontend reaches data through the datasource only.' }] }],
    },
  },
]);
