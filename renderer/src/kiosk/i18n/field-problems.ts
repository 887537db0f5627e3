// The sentence for a rejected field, in the guest's language.
import type { InputField } from '../lib/inputs';
import { NAME_MAX, type FieldProblem } from '../../shared/lib/validation';
import type { Messages } from './en';

export function fieldProblemText(m: Messages, field: InputField, problem: FieldProblem): string {
  switch (field) {
    case 'userName':
      return problem === 'tooLong' ? m.errors.userName.tooLong(NAME_MAX) : m.errors.userName[problem];
    case 'phoneNo':
      return problem === 'empty' ? m.errors.phoneNo.empty : m.errors.phoneNo.invalid;
    case 'lookupCode':
      return problem === 'empty' ? m.errors.ticketCode.empty : m.errors.ticketCode.invalid;
  }
}
