// Lint: typescript-eslint's recommended rules, a guard against focused tests, and the house rules
// of ARCHITECTURE.md (eslint-rules/onestop.js): modules meet through index.ts, only repositories
// touch the database, no arrows up from platform/ and no demo data in modules.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import onestop from './eslint-rules/onestop.js';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'tmp/', '.bench/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', performance: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', structuredClone: 'readonly', fetch: 'readonly', AbortController: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly', crypto: 'readonly', Blob: 'readonly', setImmediate: 'readonly', queueMicrotask: 'readonly', URLSearchParams: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      // A module adds its tables to the platform's Database by `interface Database extends …Tables {}`.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        { object: 'test', property: 'only', message: 'A focused test hides the rest of the suite.' },
        { object: 'it', property: 'only', message: 'A focused test hides the rest of the suite.' },
        { object: 'describe', property: 'only', message: 'A focused test hides the rest of the suite.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "Property[key.name='only'][value.value=true]", message: 'A focused test hides the rest of the suite.' },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { onestop },
    rules: {
      'onestop/module-boundaries': 'error',
      'onestop/layers': 'error',
      'onestop/database-access': 'error',
    },
  },
);
