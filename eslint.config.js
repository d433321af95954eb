// Lint rules, including the architecture's import boundaries (docs/architecture.md): the
// engine never imports Electron, the UI or the adapters; the adapters (server, CLI) reach
// the engine only through its public entry and never import Electron; only
// electron/desktop/ may import Electron; shared/ depends on neither Node nor Electron nor
// the UI; the renderer never imports Node or the main process.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const restrict = (paths, patterns) => ['error', { paths, patterns }];
// Adapters reach the engine through its one public entry, so every caller meets the
// contract's validation and no adapter depends on an engine module's insides.
const engineEntryOnly = {
  group: ['**/engine/*', '**/engine/**/*', '!**/engine/index'],
  message: 'Adapters import the engine only through electron/engine/index.ts.',
};

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
        [{ name: 'electron', message: 'The engine is plain Node: no Electron imports.' }],
        [
          { group: ['**/renderer/**'], message: 'The engine must not import the UI.' },
          {
            group: ['**/server/**', '**/cli/**', '**/desktop/**'],
            message: 'The engine must not import its adapters.',
          },
        ],
      ),
    },
  },
  {
    files: ['electron/server/**/*.ts', 'electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [{ name: 'electron', message: 'Browser mode and the CLI run without Electron.' }],
        [
          { group: ['**/desktop/**'], message: 'Only the desktop shell is Electron code.' },
          { group: ['**/renderer/**'], message: 'Adapters never import the UI.' },
          engineEntryOnly,
        ],
      ),
    },
  },
  {
    files: ['electron/desktop/**/*.ts'],
    rules: { 'no-restricted-imports': restrict([], [engineEntryOnly]) },
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
