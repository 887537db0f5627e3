// The texts a guest types into the kiosk. A plain module so
// both the store and the message files can name them without the words importing the store.
import type { FieldProblem } from '../../shared/lib/validation';

export type InputField = 'userName' | 'phoneNo' | 'lookupCode';
export type Inputs = Record<InputField, string>;
export type InputErrors = Partial<Record<InputField, FieldProblem>>;
