// Phone numbers go only to those allowed to see them: the manager. Every other role (viewer,
// kiosk) sees the last two digits, enough to tell two guests of the same name apart.
import type { Role } from '../../common/operations';

export function maskPhone(phone: string): string {
  return `•••• ${phone.slice(-2)}`;
}

export function phoneFor(role: Role, phone: string): string {
  return role === 'manager' ? phone : maskPhone(phone);
}
