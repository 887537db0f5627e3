// The renderer's import rule (eslint.config.js): an app may use renderer/src/shared, shared
// uses no app, no app uses another, and words (i18n) and helpers (lib) use no store; the same
// for stylesheets, which the page entry (main.tsx, App.tsx) never imports. Linted with the
// project's own config, so the test fails if the rule is weakened or dropped; the stylesheets
// the tree really imports are checked too.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const eslint = new ESLint({ cwd: ROOT });

/** The no-restricted-imports messages for `code` placed at `file` (relative to the repo). */
async function restrictions(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const used = probe;\n`, { filePath: path.join(ROOT, file) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('renderer import boundaries', () => {
  it.each([
    ['renderer/src/shared/lib/shows.ts', "import { probe } from '../../kiosk/store/context';", 'Shared code serves every app'],
    ['renderer/src/shared/components/Banner.tsx', "import { probe } from '../../manager/ManagerApp';", 'Shared code serves every app'],
    ['renderer/src/kiosk/screens/StartScreen.tsx', "import { probe } from '../../manager/store/context';", 'kiosk may use renderer/src/shared, never another app'],
    ['renderer/src/manager/components/Header.tsx', "import { probe } from '../../kiosk/components/Keypad';", 'manager may use renderer/src/shared, never another app'],
    ['renderer/src/manager/components/Header.tsx', "import { probe } from '../../App';", 'manager may use renderer/src/shared, never another app'],
    ['renderer/src/kiosk/i18n/field-problems.ts', "import { probe } from '../store/kiosk-store';", 'Words (i18n) and helpers (lib) sit below the stores'],
    ['renderer/src/shared/i18n/locales.ts', "import { probe } from '../store/outage';", 'Words (i18n) and helpers (lib) sit below the stores'],
    ['renderer/src/manager/ManagerApp.tsx', "import '../kiosk/styles/kiosk.css'; const probe = 1;", 'manager may use renderer/src/shared, never another app'],
    ['renderer/src/door/DoorApp.tsx', "import '../manager/styles/manager.css'; const probe = 1;", 'door may use renderer/src/shared, never another app'],
    ['renderer/src/shared/components/Banner.tsx', "import '../../kiosk/styles/kiosk.css'; const probe = 1;", 'Shared code serves every app'],
    ['renderer/src/main.tsx', "import './kiosk/styles/kiosk.css'; const probe = 1;", 'the page entry loads none'],
    ['renderer/src/main.tsx', "import './shared/styles/shared.css'; const probe = 1;", 'the page entry loads none'],
    ['renderer/src/App.tsx', "import './manager/styles/manager.css'; const probe = 1;", 'the page entry loads none'],
  ])('%s may not %s', async (file, code, reason) => {
    const messages = await restrictions(file, code);
    expect(messages.some((m) => m.includes(reason)), messages.join('\n')).toBe(true);
  });

  it.each([
    ['renderer/src/kiosk/screens/StartScreen.tsx', "import { probe } from '../../shared/hooks/useNow';"],
    ['renderer/src/manager/store/manager-store.ts', "import { probe } from '../../shared/store/outage';"],
    ['renderer/src/kiosk/store/kiosk-store.ts', "import { probe } from '../i18n';"],
    ['renderer/src/App.tsx', "import { probe } from './kiosk/KioskApp';"],
    ['renderer/src/kiosk/KioskApp.tsx', "import '../shared/styles/shared.css'; import './styles/kiosk.css'; const probe = 1;"],
    ['renderer/src/door/DoorApp.tsx', "import '../shared/styles/shared.css'; import './styles/door.css'; const probe = 1;"],
  ])('%s may %s', async (file, code) => {
    expect(await restrictions(file, code)).toEqual([]);
  });
});

/** Every `import '….css'` in the renderer's sources, as [importing file, stylesheet], relative to renderer/src. */
function stylesheetImports(): Array<[string, string]> {
  const src = path.join(ROOT, 'renderer/src');
  const found: Array<[string, string]> = [];
  for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.tsx?$/.test(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(/^import\s+['"]([^'"]+\.css)['"]/gm)) {
      found.push([path.relative(src, file), path.relative(src, path.resolve(path.dirname(file), spec!))]);
    }
  }
  return found;
}

describe('renderer stylesheets', () => {
  it('one per app plus the shared one, each loaded by its own app’s entry; the page entry loads none', () => {
    const imports = stylesheetImports();
    expect(imports.sort()).toEqual(
      [
        ['door/DoorApp.tsx', 'door/styles/door.css'],
        ['door/DoorApp.tsx', 'shared/styles/shared.css'],
        ['kiosk/KioskApp.tsx', 'kiosk/styles/kiosk.css'],
        ['kiosk/KioskApp.tsx', 'shared/styles/shared.css'],
        ['manager/ManagerApp.tsx', 'manager/styles/manager.css'],
        ['manager/ManagerApp.tsx', 'shared/styles/shared.css'],
      ].sort(),
    );
  });
});
