// A pairing code as the manager shows it to the device being paired: the digits large, and a
// QR code of the device page's pairing link (roles without a page get a note instead).
import type { ReactNode } from 'react';
import { pairingLink } from '../../lib/pairing-link';
import { QrCode } from '../QrCode';

export interface PairingCodeCardProps {
  code: string;
  role: string;
  /** Where devices reach this server; null when not known (no link then). */
  serverUrl: string | null;
  heading: ReactNode;
  /** Under the code: how long it is valid, in the app's own paragraph. */
  expiry: ReactNode;
  qrLabel: string;
  /** Shown instead of the QR when there is no link, in the app's own paragraph. */
  noLink: ReactNode;
  /** The card's own actions (Done). */
  children?: ReactNode;
}

export function PairingCodeCard({ code, role, serverUrl, heading, expiry, qrLabel, noLink, children }: PairingCodeCardProps) {
  const link = serverUrl ? pairingLink(serverUrl, role, code) : null;
  return (
    <div className="pair-reveal" data-testid="pairing-code">
      <h3>{heading}</h3>
      <div className="pair-big-code" data-code={code} aria-label={code.split('').join(' ')}>
        {code.slice(0, 3)}&#8201;{code.slice(3)}
      </div>
      {expiry}
      {link ? (
        <div className="pair-qr">
          <QrCode text={link} label={qrLabel} size={200} />
          <span className="mono pair-link" data-testid="pairing-link">
            {link}
          </span>
        </div>
      ) : (
        noLink
      )}
      {children}
    </div>
  );
}
