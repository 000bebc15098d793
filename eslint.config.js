// Lint policy. Import direction between runtime folders is enforced here:
// shared ← everything; renderer never imports electron/ or server/; server never imports renderer/
// or electron/; electron never imports renderer/ or server/; no production file imports tests/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

const forbid = (...folders) =>
  folders.flatMap((folder) => [
    `**/${folder}/**`,
    `../${folder}/*`,
    `../../${folder}/*`,
    `../../../${folder}/*`,
  ]);

const restrictImports = (folders, extra = []) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        ...(folders.length
          ? [
              {
                group: forbid(...folders),
                message: `This folder must not import from ${folders.join(', ')}.`,
              },
            ]
          : []),
        ...extra,
      ],
    },
  ],
});

/** Packages shared/ may import; anything else (DOM, Node, Electron, React, storage) is refused. */
const SHARED_PACKAGES = ['zod', '@noble/hashes', '@noble/curves', 'hash-wasm'];
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/**
 * shared/'s import allow-list as one pattern: bare specifiers outside SHARED_PACKAGES, and relative
 * paths that climb into another top-level folder. Tests may also use vitest and tests/support/.
 */
const sharedAllowList = ({ tests }) => {
  const packages = [...SHARED_PACKAGES.map(escape), ...(tests ? ['vitest'] : [])].join('|');
  const outside = `(\\.\\./)+(${tests ? 'tests/(?!support/)|' : 'tests/|'}renderer|electron|server|scripts|build|node_modules)`;
  return {
    regex: `^(?!(${packages})(/|$)|\\.{1,2}/).*|^${outside}`,
    message: `shared/ may import only its own modules and ${SHARED_PACKAGES.join(', ')}${tests ? ' (tests: also vitest and tests/support/)' : ''}.`,
  };
};

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'release', 'coverage', 'test-results', 'playwright-report', '.data'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    // shared/ runs everywhere: an allow-list of what it may import (its own files, zod, the audited
    // @noble hashes and curves, hash-wasm's argon2id). Its tests may also use vitest and the helpers in tests/support/.
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: restrictImports([], [sharedAllowList({ tests: false })]),
  },
  {
    files: ['shared/**/*.test.ts'],
    rules: restrictImports([], [sharedAllowList({ tests: true })]),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrictImports(
        ['electron', 'server', 'tests'],
        [
          {
            group: ['electron', 'node:*'],
            message: 'The renderer runs sandboxed: no Node or Electron imports.',
          },
        ],
      ),
    },
  },
  {
    files: ['server/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: restrictImports(['renderer', 'electron', 'tests']),
  },
  {
    files: ['electron/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: restrictImports(['renderer', 'server', 'tests']),
  },
  // Unit tests sit beside their code and run in Node (vitest): they may use Node and the helpers
  // in tests/support/, which production code never imports.
  {
    files: ['renderer/**/*.test.{ts,tsx}'],
    languageOptions: { globals: { ...globals.node } },
    rules: restrictImports(['electron', 'server']),
  },
  {
    files: ['server/**/*.test.ts'],
    rules: restrictImports(['renderer', 'electron']),
  },
  {
    files: ['electron/**/*.test.ts'],
    rules: restrictImports(['renderer', 'server']),
  },
  {
    files: ['tests/**/*.{ts,tsx}', 'scripts/**/*.{js,mjs,ts}', '*.{js,mjs,ts}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    // Size limits, counted like `wc -l` (blank lines and comments included): a file or a function
    // past them is split by topic. Translation tables and print labels are flat data and exempt.
    files: ['**/*.{ts,tsx,js,mjs}'],
    ignores: ['renderer/i18n/**', 'renderer/features/*/i18n.ts', 'renderer/features/printing/labels.ts'],
    rules: {
      'max-lines': ['error', { max: 500, skipBlankLines: false, skipComments: false }],
      'max-lines-per-function': [
        'error',
        { max: 200, skipBlankLines: false, skipComments: false, IIFEs: true },
      ],
    },
  },
);
