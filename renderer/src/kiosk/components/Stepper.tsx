// One kind of ticket and how many of it: big − and + keys either side of the count, the kind's
// name and price beside them, and, when + is off, the reason in words (not colour alone).
import { useId } from 'react';
import { useMessages } from '../store/context';
import { AccessSymbol } from './AccessSymbol';

export interface StepperProps {
  name: string;
  /** The price, or "of 4 on your ticket". */
  detail: string;
  count: number;
  onStep: (delta: 1 | -1) => void;
  canAdd: boolean;
  canRemove: boolean;
  /** Why + is off (null: it is on, or the reason is not worth saying). */
  why: string | null;
  /** The whole kind is unavailable: the row is dimmed as well as its keys off. */
  unavailable?: boolean;
  /** A space for a guest with a disability: marked with the symbol of access and words. */
  accessible?: boolean;
}

export function Stepper({ name, detail, count, onStep, canAdd, canRemove, why, unavailable = false, accessible = false }: StepperProps) {
  const m = useMessages();
  const id = useId();
  const described = [accessible ? `${id}-access` : null, why ? `${id}-why` : null].filter((x) => x !== null).join(' ');
  return (
    <div
      className={`stepper${unavailable ? ' stepper-unavailable' : ''}${accessible ? ' stepper-accessible' : ''}`}
      role="group"
      aria-labelledby={`${id}-name`}
      aria-describedby={described || undefined}
      data-ticket-type={name}
    >
      <div className="stepper-label">
        {accessible && (
          <span id={`${id}-access`} className="stepper-access" data-testid="access-mark">
            <AccessSymbol />
            <span>{m.party.accessible}</span>
          </span>
        )}
        <span id={`${id}-name`} className="stepper-name">
          {name}
        </span>
        <span className="stepper-detail">{detail}</span>
        {why && (
          <span id={`${id}-why`} className="stepper-why">
            {why}
          </span>
        )}
      </div>
      <div className="stepper-controls">
        <button type="button" className="stepper-key" aria-label={m.party.remove(name)} disabled={!canRemove} onClick={() => onStep(-1)}>
          −
        </button>
        <output className="stepper-count" aria-live="polite" data-testid="stepper-count">
          {count}
        </output>
        <button type="button" className="stepper-key" aria-label={m.party.add(name)} disabled={!canAdd} onClick={() => onStep(1)}>
          +
        </button>
      </div>
    </div>
  );
}
