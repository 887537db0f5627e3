import { useActions, useMessages } from '../store/context';

/** Labelled in the language it switches to, so a guest recognises their own. */
export function LanguageToggle() {
  const m = useMessages();
  const { toggleLocale } = useActions();
  return (
    <button type="button" className="button button-ghost language-toggle" lang={m.languageToggle.lang} aria-label={m.languageToggle.aria} onClick={toggleLocale}>
      {m.languageToggle.label}
    </button>
  );
}
