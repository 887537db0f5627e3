// `marquee service unit`: a systemd unit for serve with a dedicated user, restart on failure,
// the data directory and the hardening options, which systemd's own checker accepts.
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const MARQUEE = path.join(ROOT, 'bin', 'marquee.js');
const dir = mkdtempSync(path.join(os.tmpdir(), 'marquee-unit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function marquee(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [MARQUEE, ...args], { cwd: ROOT, env: { ...process.env, MARQUEE_TIMEZONE: 'UTC' }, timeout: 60_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }));
  });
}

const systemdAnalyze = ['/usr/bin/systemd-analyze', '/bin/systemd-analyze'].find((p) => existsSync(p));

/** What `systemd-analyze verify` says about a unit: it exits 0 even for unknown keys, so its words are the verdict. */
function verify(unit: string, name: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, unit);
  const result = spawnSync(systemdAnalyze!, ['verify', file], { encoding: 'utf8' });
  return `${result.stdout}${result.stderr}`.trim();
}

test('the unit runs serve as a dedicated user, restarts it on failure and confines it to its data directory', async () => {
  const run = await marquee(['service', 'unit']);
  expect(run.code, run.stderr).toBe(0);
  const unit = run.stdout;
  for (const line of [
    'User=marquee', 'Group=marquee', 'Restart=on-failure', 'Environment=MARQUEE_DATA_DIR=/var/lib/marquee', 'StateDirectory=marquee',
    'StateDirectoryMode=0700', 'UMask=0077', 'NoNewPrivileges=yes', 'ProtectSystem=strict', 'ReadWritePaths=/var/lib/marquee',
    'PrivateTmp=yes', 'CapabilityBoundingSet=', 'KillMode=mixed', 'WantedBy=multi-user.target', 'EnvironmentFile=-/etc/marquee/marquee.env',
  ]) expect(unit.split('\n'), line).toContain(line);
  expect(unit).toMatch(new RegExp(`^ExecStart=${process.execPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} .*${MARQUEE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} serve$`, 'm'));

  const custom = await marquee(['service', 'unit', '--user', 'boxoffice', '--data-dir', '/srv/marquee']);
  expect(custom.stdout.split('\n')).toEqual(expect.arrayContaining(['User=boxoffice', 'ReadWritePaths=/srv/marquee', 'Environment=MARQUEE_DATA_DIR=/srv/marquee']));
  expect(custom.stdout).not.toContain('StateDirectory=');

  if (!systemdAnalyze) {
    console.log('[service] systemd-analyze is not installed here: the unit was checked by its lines only');
    return;
  }
  expect(verify(unit, 'marquee.service')).toBe('');
  expect(verify(custom.stdout, 'marquee-custom.service')).toBe('');
  // The checker does speak up: a misspelt key and a bad value in a copy are reported.
  const broken = unit.replace('Restart=on-failure', 'Restart=sometimes').replace('ProtectSystem=strict', 'ProtectSytem=strict');
  expect(verify(broken, 'broken.service')).toMatch(/restart specifier[\s\S]*Unknown key 'ProtectSytem'/);
});

test('wrong use is one sentence and exit 2', async () => {
  for (const args of [['service'], ['service', 'install'], ['service', 'unit', '--user', 'Bad User'], ['service', 'unit', '--data-dir', 'relative/dir']]) {
    const run = await marquee(args);
    expect(run.code, args.join(' ')).toBe(2);
    expect(run.stderr).toMatch(/^marquee service: /);
    expect(run.stdout).toBe('');
  }
});
