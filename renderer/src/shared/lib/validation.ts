// Client-side checks of what a guest typed, for instant feedback in plain words.
// The shared zod schemas decide validity (the server runs the same ones and stays the
// authority); this module only picks which friendly sentence explains a rejection. It reads the
// field schemas alone (fields.ts), not every operation's: the kiosk's first screen waits for them.
import './zod-csp';
import { NAME_MAX, PHONE_DIGITS_MAX, PHONE_DIGITS_MIN, phoneNo, ticketCode, ticketId, userName } from '../../../../main/common/fields';

export type FieldProblem = 'empty' | 'tooLong' | 'invalid';

export { NAME_MAX, PHONE_DIGITS_MAX, PHONE_DIGITS_MIN };

export function checkUserName(value: string): FieldProblem | null {
  if (userName.safeParse(value).success) return null;
  const words = value.trim().replace(/\s+/gu, ' ');
  if (words === '') return 'empty';
  return [...words].length > NAME_MAX ? 'tooLong' : 'invalid';
}

export function checkPhoneNo(value: string): FieldProblem | null {
  if (phoneNo.safeParse(value).success) return null;
  return value.trim() === '' ? 'empty' : 'invalid';
}

export function checkTicketId(value: string): FieldProblem | null {
  if (ticketId.safeParse(value).success) return null;
  return value.trim() === '' ? 'empty' : 'invalid';
}

export function checkTicketCode(value: string): FieldProblem | null {
  if (ticketCode.safeParse(value).success) return null;
  return value.trim() === '' ? 'empty' : 'invalid';
}

/** Maps the server's INVALID_INPUT `field` onto a field this kiosk shows, if any. */
export function fieldOf(serverField: string | undefined): 'userName' | 'phoneNo' | 'ticketId' | 'ticketCode' | null {
  if (serverField === 'userName' || serverField === 'phoneNo' || serverField === 'ticketId' || serverField === 'ticketCode') return serverField;
  return null;
}
