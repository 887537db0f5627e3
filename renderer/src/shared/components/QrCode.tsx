// A QR code (the kiosk's ticket, the manager's pairing link). Rendered to an SVG data URL: no canvas, no inline script,
// so it passes the strict CSP (img-src data:) and prints sharp at any size.
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

export function QrCode({ text, label, size = 320 }: { text: string; label: string; size?: number }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, color: { dark: '#000000', light: '#ffffff' } })
      .then((svg) => current && setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`))
      .catch(() => current && setSrc(null));
    return () => {
      current = false;
    };
  }, [text]);
  return <div className="qr">{src && <img src={src} alt={label} width={size} height={size} />}</div>;
}
