import { describe, expect, it } from 'vitest';
import { PAIRING_CODE_DIGITS } from '../../../main/common/schemas';
import { cleanPairCode, PAIR_CODE_LENGTH, redeemProblem } from '../../../renderer/src/shared/lib/pairing-code';

describe('pairing code', () => {
  it('is as long as the contract says', () => {
    expect(PAIR_CODE_LENGTH).toBe(PAIRING_CODE_DIGITS);
  });

  it('keeps the digits of what was typed, up to a code', () => {
    expect(cleanPairCode('482 91')).toBe('48291');
    expect(cleanPairCode('482-9134')).toBe('482913');
    expect(cleanPairCode(' #pair=012345 ')).toBe('012345');
    expect(cleanPairCode('abc')).toBe('');
    expect(cleanPairCode('١٢٣')).toBe('');
  });

  it('names why a redemption failed, with the facts its sentence needs', () => {
    expect(redeemProblem({ code: 'RATE_LIMITED' })).toEqual({ reason: 'tooManyTries' });
    expect(redeemProblem({ code: 'RATE_LIMITED', details: { retryAfter: '600' } })).toEqual({ reason: 'tooManyTries', retryAfterS: 600 });
    expect(redeemProblem({ code: 'RATE_LIMITED', details: { retryAfter: 'soon' } })).toEqual({ reason: 'tooManyTries' });
    expect(redeemProblem({ code: 'WRONG_ROLE', details: { role: 'door', expectRole: 'kiosk' } })).toEqual({ reason: 'wrongRole', role: 'door' });
    expect(redeemProblem({ code: 'DB_UNAVAILABLE' })).toEqual({ reason: 'unreachable' });
    expect(redeemProblem({ code: 'INTERNAL' })).toEqual({ reason: 'unreachable' });
    expect(redeemProblem({ code: 'PAIRING_CODE_INVALID' })).toEqual({ reason: 'codeInvalid' });
    expect(redeemProblem({ code: 'INVALID_INPUT' })).toEqual({ reason: 'codeInvalid' });
  });
});
