// Lint policy. Import direction between runtime folders is enforced here:
// shared ← everything; renderer never imports electron/ or server/; server never imports renderer/
// or electron/; electron never imports renderer/ or server/.
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
    files: ['shared/**/*.ts'],
    rules: restrictImports(
      ['renderer', 'electron', 'server', 'tests'],
      [
        {
          group: [
            'react',
            'react-dom',
            'electron',
            'node:*',
            'fs',
            'path',
            'rxdb',
            'rxdb/*',
            'dexie',
            'antd',
          ],
          message: 'shared/ is pure: no DOM, Node, Electron, React or storage imports.',
        },
      ],
    ),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrictImports(
        ['electron', 'server'],
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
    rules: restrictImports(['renderer', 'electron']),
  },
  {
    files: ['electron/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: restrictImports(['renderer', 'server']),
  },
  {
    files: ['tests/**/*.{ts,tsx}', 'scripts/**/*.{js,mjs,ts}', '*.{js,mjs,ts}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
