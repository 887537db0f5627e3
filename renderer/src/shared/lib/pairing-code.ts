// The 6-digit pairing code as the kiosk and the door both handle it: what a typed code is
// cleaned to, and what a refused redemption means. Each app says the problem in its own words.
import type { ErrorBody } from '../../../../main/common/errors';
import { PAIRING_CODE_DIGITS } from '../../../../main/common/schemas';

/** Digits of a pairing code (the contract's PAIRING_CODE_DIGITS). */
export const PAIR_CODE_LENGTH = PAIRING_CODE_DIGITS;

/** A typed code as digits only, no longer than a code: spaces and dashes people type are dropped. */
export function cleanPairCode(value: string): string {
  return value.replace(/\D/g, '').slice(0, PAIR_CODE_LENGTH);
}

/**
 * Why a code was not redeemed. 'unreachable' says nothing about the code (the box office could
 * not answer), so the apps keep it on screen for another try; after the others they clear it.
 */
export type RedeemProblem = 'tooManyTries' | 'unreachable' | 'invalidCode';

export function redeemProblem(error: Pick<ErrorBody, 'code'>): RedeemProblem {
  switch (error.code) {
    case 'RATE_LIMITED':
      return 'tooManyTries';
    case 'DB_UNAVAILABLE':
    case 'INTERNAL':
      return 'unreachable';
    default:
      return 'invalidCode';
  }
}
