// The 6-digit pairing code as every pairing page handles it: what a typed code is cleaned to,
// and why a redemption was refused (one list for all apps; shared/i18n words it).
import type { ErrorBody } from '../../../../main/common/errors';
import { PAIRING_CODE_DIGITS } from '../../../../main/common/fields';

/** Digits of a pairing code (the contract's PAIRING_CODE_DIGITS). */
export const PAIR_CODE_LENGTH = PAIRING_CODE_DIGITS;

/** A typed code as digits only, no longer than a code: spaces and dashes people type are dropped. */
export function cleanPairCode(value: string): string {
  return value.replace(/\D/g, '').slice(0, PAIR_CODE_LENGTH);
}

/** Every reason a pairing page refuses a code or a token. */
export type PairReason = 'codeIncomplete' | 'codeInvalid' | 'wrongRole' | 'tooManyTries' | 'unreachable' | 'tokenEmpty' | 'tokenRejected';

/** Why the last pairing attempt was refused, with the facts its sentence needs. */
export interface PairProblem {
  reason: PairReason;
  /** Which way the refused attempt went, so the problem shows by its own field. */
  via: 'code' | 'token';
  /** wrongRole: the role the code or token was for, when known. */
  role?: string;
  /** tooManyTries: the seconds the box office asked to wait, when it said. */
  retryAfterS?: number;
}

/** Why a code was not redeemed, with the facts the sentence needs. */
export interface RedeemProblem {
  reason: Extract<PairReason, 'codeInvalid' | 'wrongRole' | 'tooManyTries' | 'unreachable'>;
  /** wrongRole: the role the code was made for. */
  role?: string;
  /** tooManyTries: the seconds the box office asked to wait (its Retry-After), when it said. */
  retryAfterS?: number;
}

/**
 * 'unreachable' says nothing about the code (the box office could not answer), so the pages
 * keep it on screen for another try; after the others they clear it.
 */
export function redeemProblem(error: Pick<ErrorBody, 'code' | 'details'>): RedeemProblem {
  switch (error.code) {
    case 'RATE_LIMITED': {
      const seconds = Number(error.details?.retryAfter);
      return Number.isFinite(seconds) && seconds > 0 ? { reason: 'tooManyTries', retryAfterS: seconds } : { reason: 'tooManyTries' };
    }
    case 'WRONG_ROLE':
      return error.details?.role ? { reason: 'wrongRole', role: error.details.role } : { reason: 'wrongRole' };
    case 'DB_UNAVAILABLE':
    case 'SERVER_BUSY':
    case 'INTERNAL':
      return { reason: 'unreachable' };
    default:
      return { reason: 'codeInvalid' };
  }
}
