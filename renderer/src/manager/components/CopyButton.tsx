// Copies a text (token, fingerprint, address) and says so; falls back to selecting it by hand.
import { useEffect, useState } from 'react';
import { useManagerMessages } from '../store/context';

async function copyText(text: string, fallbackInput: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (!fallbackInput) return false;
    fallbackInput.focus();
    fallbackInput.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    }
  }
}

export function CopyButton({ text, label, inputId }: { text: string; label: string; inputId?: string }) {
  const m = useManagerMessages();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <span className="copy">
      <button
        type="button"
        className="button button-secondary button-copy"
        aria-label={label}
        onClick={async () => {
          const input = inputId ? (document.getElementById(inputId) as HTMLInputElement | null) : null;
          setState((await copyText(text, input)) ? 'copied' : 'failed');
        }}
      >
        {state === 'copied' ? `✓ ${m.copied}` : m.copy}
      </button>
      <span className={state === 'failed' ? 'copy-status' : 'sr-only'} role="status">
        {state === 'copied' ? m.copied : state === 'failed' ? m.copyFailed : ''}
      </span>
    </span>
  );
}
