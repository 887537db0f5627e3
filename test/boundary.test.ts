// Thin shell, fat core (docs/ARCHITECTURE.md, "Runtimes and what may import what"): only main/electron/** and preload/** may load electron.
// Parsed with the TypeScript compiler, so comments and strings that mention electron do not
// count and every form of import does: static, type-only, re-export, dynamic, require.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCANNED_FOLDERS = ['main', 'renderer', 'preload'];
const SHELL_FOLDERS = ['main/electron/', 'preload/'];

function sourceFiles(folder: string): string[] {
  let entries;
  try {
    entries = readdirSync(path.join(ROOT, folder), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const relative = `${folder}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(relative);
    return /\.tsx?$/.test(entry.name) ? [relative] : [];
  });
}

const isElectronModule = (specifier: string) => specifier === 'electron' || specifier.startsWith('electron/');

/** Every module specifier naming electron in `code`, whatever the import form. */
function electronImports(code: string, fileName = 'file.ts'): string[] {
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, false, fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const note = (node: ts.Node | undefined) => {
    if (node && ts.isStringLiteralLike(node) && isElectronModule(node.text)) found.push(node.text);
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) note(node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) note(node.moduleReference.expression);
    else if (ts.isCallExpression(node)) {
      const dynamicImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const callsRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      if (dynamicImport || callsRequire) note(node.arguments[0]);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) note(node.argument.literal);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const files = SCANNED_FOLDERS.flatMap(sourceFiles);
const importers = new Map(files.map((file) => [file, electronImports(readFileSync(path.join(ROOT, file), 'utf8'), file)]));

describe('the electron boundary', () => {
  it('scans the shell, the core and the renderer (it cannot pass on an empty tree)', () => {
    expect(files).toContain('main/electron/index.ts');
    expect(files).toContain('preload/index.ts');
    expect(files.some((file) => file.startsWith('main/core/'))).toBe(true);
    expect(files.some((file) => file.startsWith('main/common/'))).toBe(true);
    // The detector sees the shell's own imports, so it would see anyone else's.
    expect(importers.get('main/electron/index.ts')).toContain('electron');
    expect(importers.get('preload/index.ts')).toContain('electron');
  });

  it('finds no electron import outside main/electron/** and preload/**', () => {
    const offenders = [...importers]
      .filter(([file, specifiers]) => specifiers.length > 0 && !SHELL_FOLDERS.some((folder) => file.startsWith(folder)))
      .map(([file, specifiers]) => `${file}: ${specifiers.join(', ')}`);
    expect(offenders).toEqual([]);
  });
});

describe('electronImports', () => {
  it.each([
    ["import { app } from 'electron';", 'electron'],
    ['import type { App } from "electron";', 'electron'],
    ["import 'electron';", 'electron'],
    ["export { ipcMain } from 'electron/main';", 'electron/main'],
    ["const e = await import('electron');", 'electron'],
    ["const { app } = require('electron');", 'electron'],
    ["import electron = require('electron');", 'electron'],
    ["let app: import('electron').App;", 'electron'],
  ])('catches %s', (code, specifier) => {
    expect(electronImports(code)).toEqual([specifier]);
  });

  it('ignores comments, strings and look-alike packages', () => {
    const code = [
      "// never require('electron') here",
      "/* import { app } from 'electron' */",
      "const hint = \"import('electron')\";",
      "import builder from 'electron-builder';",
      "import { x } from './electron';",
    ].join('\n');
    expect(electronImports(code)).toEqual([]);
  });
});
