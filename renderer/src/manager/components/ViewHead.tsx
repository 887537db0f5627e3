// A view's head: its h1 (labelling the view's <main>), a line under it, and the view's buttons.
import type { ReactNode } from 'react';

export function ViewHead({ headingId, heading, sub, children }: { headingId: string; heading: string; sub: string; children?: ReactNode }) {
  return (
    <div className="devices-head">
      <div className="pane-titles">
        <h1 id={headingId}>{heading}</h1>
        <p className="pane-sub">{sub}</p>
      </div>
      {children}
    </div>
  );
}
