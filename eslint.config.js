// Lint: typescript-eslint's type-checked rules over the service, the tests, the benchmark and the
// web app, and the walls between the service's modules (lint/walls.js: the layer order of
// lint/layers.js, and no value use of another module's entity classes). Formatting is Prettier's
// job (npm run format:check), so no stylistic rules here.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { walls } from './lint/walls.js';

export default tseslint.config(
  { ignores: ['dist/**', 'dist-test/**', 'node_modules/**', 'test-artifacts/**', 'web/src/generated/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Nest and TypeORM hand back loosely typed values (raw rows, request objects); these are
      // checked where they are used rather than banned outright.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Decorated classes and Nest's lifecycle methods are async by contract.
      '@typescript-eslint/require-await': 'off',
      // An async handler in a JSX attribute (onClick={async () => …}) is how the web app acts; it
      // catches its own errors.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    // The running code; a spec may drive several modules at once.
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.spec.ts'],
    plugins: { walls },
    rules: { 'walls/layer-order': 'error', 'walls/feature-entities': 'error' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
