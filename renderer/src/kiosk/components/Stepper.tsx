// One kind of ticket and how many of it: big − and + keys either side of the count, the kind's
// name and price beside them, and, when + is off, the reason in words (not colour alone).
import { useId } from 'react';
import { useMessages } from '../store/context';

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
}

export function Stepper({ name, detail, count, onStep, canAdd, canRemove, why, unavailable = false }: StepperProps) {
  const m = useMessages();
  const id = useId();
  return (
    <div
      className={`stepper${unavailable ? ' stepper-unavailable' : ''}`}
      role="group"
      aria-labelledby={`${id}-name`}
      aria-describedby={why ? `${id}-why` : undefined}
      data-ticket-type={name}
    >
      <div className="stepper-label">
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
