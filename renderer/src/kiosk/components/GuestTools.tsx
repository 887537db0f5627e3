// The guest's own display choices, on every screen, in the reach zone: the language, "Aa"
// (larger text) and the high-contrast theme. Each says its state (aria-pressed) and is named by
// what it shows; all three are forgotten when the session ends (startOver).
import { useActions, useKiosk, useMessages } from '../store/context';
import { LanguageToggle } from './LanguageToggle';

export function GuestTools() {
  const m = useMessages();
  const largeText = useKiosk((s) => s.largeText);
  const highContrast = useKiosk((s) => s.highContrast);
  const { toggleLargeText, toggleHighContrast } = useActions();
  return (
    <div className="guest-tools" role="group" aria-label={m.tools.label}>
      <LanguageToggle />
      <button type="button" className="button button-secondary guest-tool" aria-pressed={largeText} onClick={toggleLargeText}>
        {/* Said too ("Aa, Larger text"), so a voice command naming what is seen works. */}
        <span className="guest-tool-icon">Aa</span>
        <span className="guest-tool-label">{m.tools.largeText}</span>
      </button>
      <button type="button" className="button button-secondary guest-tool" aria-pressed={highContrast} onClick={toggleHighContrast}>
        <span className="guest-tool-icon" aria-hidden="true">
          ◐
        </span>
        <span className="guest-tool-label">{m.tools.highContrast}</span>
      </button>
    </div>
  );
}
