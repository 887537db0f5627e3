// The ticket number as a QR code. Rendered to an SVG data URL: no canvas, no inline script,
// so it passes the strict CSP (img-src data:) and prints sharp at any size.
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

export function QrCode({ text, label }: { text: string; label: string }) {
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
  return <div className="qr">{src && <img src={src} alt={label} width={320} height={320} />}</div>;
}
