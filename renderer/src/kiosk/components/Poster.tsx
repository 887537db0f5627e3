// A film's poster, or a plain placeholder with its initial where there is none (or it cannot
// be loaded: the desktop app's own pages do not serve the LAN listener's poster route). It
// only decorates: the title is always written beside it, so screen readers skip it.
import { useState } from 'react';

export function Poster({ src, title }: { src: string | null; title: string }) {
  const [failed, setFailed] = useState<string | null>(null);
  if (src === null || failed === src) {
    return (
      <div className="poster poster-placeholder" aria-hidden="true" data-testid="poster-placeholder">
        <span>{[...title.trim()][0]?.toLocaleUpperCase() ?? ''}</span>
      </div>
    );
  }
  // Lazy: React holds back a commit made in a transition or a Suspense retry (the kiosk's first
  // render is one) until its eager images are decoded, up to 800 ms; the list must not wait for
  // its decoration. The box keeps its size (kiosk.css), so nothing moves when the poster comes.
  return <img className="poster" src={src} alt="" loading="lazy" decoding="async" onError={() => setFailed(src)} />;
}
