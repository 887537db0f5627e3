// Why a pairing code or token was refused, worded once for every pairing page (kiosk, door,
// manager) in every language. Each app binds its own page role and its own hint on where a
// token of its role comes from (its i18n's `pair.problem`).
import type { Role } from '../../../../main/common/roles';
import { hasPairingPage } from '../lib/pairing-link';
import type { PairProblem } from '../lib/pairing-code';
import type { Locale } from './locales';

interface PairingWords {
  /** A role as a refusal names it ("a kiosk token", "un token de quiosco"). */
  roles: Record<Role, string>;
  codeIncomplete: string;
  codeInvalid: string;
  /** `minutes` from the box office's Retry-After; null when it did not say. */
  tooManyTries(minutes: number | null): string;
  /** A code made for `role` typed on the page of `page`; `rolePage`: whether `role` has a page to open. */
  codeWrongRole(role: string, page: string, rolePage: boolean): string;
  tokenWrongRole(role: string, page: string): string;
  tokenEmpty(page: string): string;
  tokenRejected: string;
  unreachable: string;
}

const WORDS: Record<Locale, PairingWords> = {
  en: {
    roles: { kiosk: 'kiosk', door: 'door', viewer: 'viewer', counter: 'counter', manager: 'manager' },
    codeIncomplete: 'The pairing code has 6 digits.',
    codeInvalid: 'That code was not accepted: it may be mistyped, already used, or older than 10 minutes. Make a new one on the manager app.',
    tooManyTries: (minutes) =>
      `Too many wrong codes. Please wait ${minutes === null ? 'a few minutes' : minutes === 1 ? '1 minute' : `${minutes} minutes`}, then try again.`,
    codeWrongRole: (role, page, rolePage) =>
      rolePage ? `This code is for a ${role}. Open the ${role} page, or ask the manager for a ${page} code.` : `This code is for a ${role}. Ask the manager for a ${page} code.`,
    tokenWrongRole: (role, page) => `That was a ${role} token, and this page only takes a ${page} token.`,
    tokenEmpty: (page) => `Enter the ${page} token.`,
    tokenRejected: 'The box office did not accept this token. Check it, or ask for a new one.',
    unreachable: 'The box office cannot be reached. Check the network and try again.',
  },
  es: {
    roles: { kiosk: 'quiosco', door: 'puerta', viewer: 'pantalla', counter: 'taquilla', manager: 'gestión' },
    codeIncomplete: 'El código de emparejamiento tiene 6 cifras.',
    codeInvalid: 'Ese código no es válido: puede estar mal escrito, ya usado o tener más de 10 minutos. Crea otro en la aplicación de gestión.',
    tooManyTries: (minutes) =>
      `Demasiados códigos incorrectos. Espera ${minutes === null ? 'unos minutos' : minutes === 1 ? '1 minuto' : `${minutes} minutos`} y vuelve a intentarlo.`,
    codeWrongRole: (role, page, rolePage) =>
      rolePage
        ? `Este código es de ${role}. Abre la página de ${role} o pide al gerente un código de ${page}.`
        : `Este código es de ${role}. Pide al gerente un código de ${page}.`,
    tokenWrongRole: (role, page) => `Era un token de ${role} y esta página solo acepta un token de ${page}.`,
    tokenEmpty: (page) => `Escribe el token de ${page}.`,
    tokenRejected: 'La taquilla no ha aceptado este token. Revísalo o pide uno nuevo.',
    unreachable: 'No se puede contactar con la taquilla. Revisa la red e inténtalo de nuevo.',
  },
};

/**
 * The sentence for a refused pairing on the page of `page`. `tokenHint` says where a token of
 * this page's role comes from; it follows a refused token of another role.
 */
export function pairProblemText(locale: Locale, page: Role, problem: PairProblem, tokenHint: string): string {
  const w = WORDS[locale];
  const name = (role: string | undefined) => (role === undefined ? '?' : (w.roles[role as Role] ?? role));
  switch (problem.reason) {
    case 'tooManyTries':
      return w.tooManyTries(problem.retryAfterS === undefined ? null : Math.max(1, Math.ceil(problem.retryAfterS / 60)));
    case 'wrongRole':
      return problem.via === 'code'
        ? w.codeWrongRole(name(problem.role), name(page), problem.role !== undefined && hasPairingPage(problem.role))
        : `${w.tokenWrongRole(name(problem.role), name(page))} ${tokenHint}`;
    case 'tokenEmpty':
      return w.tokenEmpty(name(page));
    default:
      return w[problem.reason];
  }
}
