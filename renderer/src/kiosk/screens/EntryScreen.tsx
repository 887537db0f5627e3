// The frame of a screen where the guest types: what is being booked above, then in the reach
// zone the fields in a form (Enter submits), the on-screen keyboard or keypad beside or under
// them, and Back / Next in the footer.
import type { ReactNode } from 'react';
import { ScreenLayout } from '../components/ScreenLayout';
import type { Screen } from '../store/kiosk-store';
import { BackButton, NextButton } from './buttons';

export interface EntryScreenProps {
  name: Screen;
  title: string;
  subtitle: string;
  /** Step of the booking flow, when the screen is one. */
  step?: number;
  onBack: () => void;
  nextLabel: string;
  /** Runs on Next and on Enter in a field. */
  onNext: () => void;
  /** The fields, inside the form. */
  children: ReactNode;
  /** Read above the fields (the show being booked). */
  summary?: ReactNode;
  /** The on-screen keyboard or keypad. */
  input: ReactNode;
}

export function EntryScreen({ name, title, subtitle, step, onBack, nextLabel, onNext, children, summary, input }: EntryScreenProps) {
  return (
    <ScreenLayout
      name={name}
      title={title}
      subtitle={subtitle}
      step={step}
      focusHeading={false}
      footer={
        <>
          <BackButton onClick={onBack} />
          <NextButton label={nextLabel} onClick={onNext} />
        </>
      }
      controls={
        <div className="entry">
          <form
            className="entry-fields"
            onSubmit={(event) => {
              event.preventDefault();
              onNext();
            }}
          >
            {children}
          </form>
          {input}
        </div>
      }
    >
      {summary}
    </ScreenLayout>
  );
}
