// Lint, including the process boundaries (DESIGN.md §3, §7): only the shell (main/electron)
// and the preload may import electron; the renderer and main/common may not touch Node or
// the core; the core may not reach into the renderer.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const electronOnlyInShell = {
  paths: [{ name: 'electron', message: 'Only main/electron/** and preload/** may import electron (thin shell, fat core).' }],
};

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', electronOnlyInShell],
    },
  },
  {
    files: ['main/electron/**', 'preload/**', 'test/main/electron/**', 'test/preload/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['renderer/**', 'main/common/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...electronOnlyInShell,
          patterns: [
            { group: ['node:*'], message: 'Browser code: no Node built-ins.' },
            { group: ['**/core/**', '**/electron/**'], message: 'Browser code talks to the core through a transport only.' },
          ],
        },
      ],
    },
  },
  {
    files: ['main/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { ...electronOnlyInShell, patterns: [{ group: ['**/renderer/**', '**/electron/**'], message: 'The core runs without the shell or the renderer.' }] },
      ],
    },
  },
);
