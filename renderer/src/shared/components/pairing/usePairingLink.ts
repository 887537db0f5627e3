// A pairing page opened from the code's QR link (…/kiosk/#pair=123456, also into a page
// already open): the code is taken and redeemed at once, and dropped from the address bar.
import { useEffect } from 'react';
import { pairingCodeFromHash } from '../../lib/pairing-link';

export function usePairingLink(typePairCode: (code: string) => void, pairWithCode: () => Promise<void>): void {
  useEffect(() => {
    const takeLink = () => {
      const fromLink = pairingCodeFromHash(window.location.hash);
      if (fromLink === null) return;
      history.replaceState(null, '', window.location.pathname + window.location.search);
      typePairCode(fromLink);
      void pairWithCode();
    };
    takeLink();
    window.addEventListener('hashchange', takeLink);
    return () => window.removeEventListener('hashchange', takeLink);
  }, [typePairCode, pairWithCode]);
}
