// Lint rules, including the architecture's import boundaries (DESIGN §1): the engine
// never imports Electron, the UI or the adapters; shared/ depends on neither Node nor
// Electron nor the UI; the renderer never imports Node or the main process.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const restrict = (paths, patterns) => ['error', { paths, patterns }];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'bench/.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    files: ['electron/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [{ name: 'electron', message: 'The engine is plain Node: no Electron imports (DESIGN §1).' }],
        [
          { group: ['**/renderer/**'], message: 'The engine must not import the UI.' },
          {
            group: ['**/server/**', '**/cli/**', '../../main', '../../preload', '../../ipc'],
            message: 'The engine must not import its adapters.',
          },
        ],
      ),
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [{ name: 'electron', message: 'shared/ is the contract: no Electron.' }],
        [
          { group: ['node:*'], message: 'shared/ must not depend on Node.' },
          {
            group: ['**/electron/**', '**/renderer/**', 'react', 'react-dom'],
            message: 'shared/ must not import either side.',
          },
        ],
      ),
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': restrict(
        [{ name: 'electron', message: 'The renderer talks to the main process only through window.assay.' }],
        [
          { group: ['node:*'], message: 'The renderer runs in a browser: no Node modules.' },
          {
            group: ['**/electron/**'],
            message: 'The renderer reaches the engine only through the API client.',
          },
        ],
      ),
    },
  },
  {
    // Tests of pure modules run under Node's test runner; the modules themselves stay pure.
    files: ['shared/**/*.test.ts', 'renderer/**/*.test.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
