// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { fieldProblemText } from '../../../renderer/src/kiosk/i18n/field-problems';
import { en } from '../../../renderer/src/kiosk/i18n/en';
import { es } from '../../../renderer/src/kiosk/i18n/es';
import { idleMsFor, readKioskConfig } from '../../../renderer/src/kiosk/lib/kiosk-config';

describe('field problems', () => {
  it('explains each problem in both languages', () => {
    expect(fieldProblemText(en, 'userName', 'tooLong')).toBe('That is too long. Please use at most 60 letters.');
    expect(fieldProblemText(es, 'phoneNo', 'invalid')).toBe('Escribe un teléfono de 6 a 15 cifras.');
    expect(fieldProblemText(en, 'lookupCode', 'invalid')).toMatch(/12 letters and digits/);
  });
});

describe('message files', () => {
  it('Spanish has every key English has', () => {
    const keys = (o: object, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
    expect(keys(es).sort()).toEqual(keys(en).sort());
  });
});

describe('kiosk config', () => {
  it('by default warns after 45 s without a touch and gives the guest at least 20 s (WCAG 2.2.1)', () => {
    const config = readKioskConfig('');
    expect(config.countdownMs).toBeGreaterThanOrEqual(20_000);
    expect(config.idleMs - config.countdownMs).toBe(45_000);
  });

  it('doubles the idle time of a guest who asked for more time', () => {
    const config = readKioskConfig('?idle=30&countdown=10');
    expect(idleMsFor(config, false)).toBe(30_000);
    expect(idleMsFor(config, true)).toBe(60_000);
  });

  it('reads ?idle= and keeps the countdown to the last half of a short idle time', () => {
    expect(readKioskConfig('?idle=5')).toEqual({ idleMs: 5_000, countdownMs: 3_000 });
    expect(readKioskConfig('?idle=10&countdown=4')).toEqual({ idleMs: 10_000, countdownMs: 4_000 });
    expect(readKioskConfig('?idle=abc')).toEqual(readKioskConfig(''));
  });
});
