// Client-side checks of what a guest typed, for instant feedback in plain words.
// The shared zod schemas decide validity (the server runs the same ones and stays the
// authority); this module only picks which friendly sentence explains a rejection.
import './zod-csp';
import { inputs, NAME_MAX, PHONE_DIGITS_MAX, PHONE_DIGITS_MIN } from '../../../../main/common/schemas';

export type FieldProblem = 'empty' | 'tooLong' | 'invalid';

export { NAME_MAX, PHONE_DIGITS_MAX, PHONE_DIGITS_MIN };

export function checkUserName(value: string): FieldProblem | null {
  if (inputs.book.shape.userName.safeParse(value).success) return null;
  const words = value.trim().replace(/\s+/gu, ' ');
  if (words === '') return 'empty';
  return [...words].length > NAME_MAX ? 'tooLong' : 'invalid';
}

export function checkPhoneNo(value: string): FieldProblem | null {
  if (inputs.book.shape.phoneNo.safeParse(value).success) return null;
  return value.trim() === '' ? 'empty' : 'invalid';
}

export function checkTicketId(value: string): FieldProblem | null {
  if (inputs.ticketHistory.shape.ticketId.safeParse(value).success) return null;
  return value.trim() === '' ? 'empty' : 'invalid';
}

export function checkTicketCode(value: string): FieldProblem | null {
  if (inputs.checkIn.shape.ticketCode.safeParse(value).success) return null;
  return value.trim() === '' ? 'empty' : 'invalid';
}

/** Maps the server's INVALID_INPUT `field` onto a field this kiosk shows, if any. */
export function fieldOf(serverField: string | undefined): 'userName' | 'phoneNo' | 'ticketId' | 'ticketCode' | null {
  if (serverField === 'userName' || serverField === 'phoneNo' || serverField === 'ticketId' || serverField === 'ticketCode') return serverField;
  return null;
}
