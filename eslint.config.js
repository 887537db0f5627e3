// Lint, including the boundaries of docs/ARCHITECTURE.md ("Runtimes and what may import what"):
// only the shell (main/electron) and the preload may import electron; the renderer and
// main/common may not touch Node or the core; the core may not reach into the renderer.
// Inside the renderer, imports point down or sideways within one app: an app may use shared,
// shared uses no app, no app uses another, and words (i18n) and helpers (lib) use no store.
// Stylesheets follow the same rule (an app imports its own and the shared one), and the page
// entry (main.tsx, App.tsx) imports none: each app's entry loads its styles.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const electronOnlyInShell = {
  paths: [{ name: 'electron', message: 'Only main/electron/** and preload/** may import electron (thin shell, fat core).' }],
};

/** The renderer's apps; renderer/src/shared holds what more than one of them uses. */
const RENDERER_APPS = ['kiosk', 'manager', 'door'];

/** Import patterns naming any app but `own`, and App.tsx, which picks the app. */
function appsExcept(own, message) {
  const others = RENDERER_APPS.filter((app) => app !== own);
  return {
    group: [...others.flatMap((app) => [`**/${app}`, `**/${app}/**`]), '**/App'],
    message,
  };
}

const noStylesInEntry = {
  group: ['**/*.css'],
  message: 'Each app loads its own stylesheet (and shared/styles) from its entry (KioskApp, ManagerApp, DoorApp); the page entry loads none.',
};

const wordsBelowStores = {
  group: ['**/store', '**/store/**'],
  message: 'Words (i18n) and helpers (lib) sit below the stores: move the shared type into lib instead.',
};

function browserImports(...extraPatterns) {
  return [
    'error',
    {
      ...electronOnlyInShell,
      patterns: [
        { group: ['node:*'], message: 'Browser code: no Node built-ins.' },
        { group: ['**/core/**', '**/electron/**'], message: 'Browser code talks to the core through a transport only.' },
        ...extraPatterns,
      ],
    },
  ];
}

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
    rules: { 'no-restricted-imports': browserImports() },
  },
  // Flat config replaces a rule's options instead of merging them, so each renderer folder
  // restates the browser rules and adds its own.
  ...['shared', ...RENDERER_APPS].flatMap((area) => {
    const apps = appsExcept(area, area === 'shared' ? 'Shared code serves every app and may import none of them.' : `${area} may use renderer/src/shared, never another app.`);
    return [
      { files: [`renderer/src/${area}/**`], rules: { 'no-restricted-imports': browserImports(apps) } },
      { files: [`renderer/src/${area}/i18n/**`, `renderer/src/${area}/lib/**`], rules: { 'no-restricted-imports': browserImports(apps, wordsBelowStores) } },
    ];
  }),
  { files: ['renderer/src/main.tsx', 'renderer/src/App.tsx'], rules: { 'no-restricted-imports': browserImports(noStylesInEntry) } },
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
