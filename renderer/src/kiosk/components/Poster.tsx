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
  return <img className="poster" src={src} alt="" decoding="async" onError={() => setFailed(src)} />;
}
