import { describe, expect, test } from 'vitest';
import { pairingCodeFromHash, pairingLink } from '../../../renderer/src/shared/lib/pairing-link';

describe('pairing link', () => {
  test('kiosk and door devices get a link with the code in the fragment; others none', () => {
    expect(pairingLink('https://192.168.1.20:8443', 'kiosk', '042913')).toBe('https://192.168.1.20:8443/kiosk/#pair=042913');
    expect(pairingLink('https://10.0.0.2:8443/', 'door', '111111')).toBe('https://10.0.0.2:8443/door/#pair=111111');
    expect(pairingLink('https://10.0.0.2:8443', 'viewer', '111111')).toBeNull();
  });

  test('the code is read back from the fragment, and only a 6-digit code', () => {
    expect(pairingCodeFromHash('#pair=042913')).toBe('042913');
    expect(pairingCodeFromHash('#pair=12345')).toBeNull();
    expect(pairingCodeFromHash('#other=1')).toBeNull();
    expect(pairingCodeFromHash('')).toBeNull();
  });
});
