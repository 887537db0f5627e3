// The top bar: brand, the sections, ticket search, language and (in a browser) unpair.
import { useId } from 'react';
import { SEARCH_QUERY_MAX } from '../../../../main/common/schemas';
import { useManager, useManagerActions, useManagerMessages } from '../store/context';
import type { ManagerView } from '../store/manager-store';

export function LanguageButton() {
  const m = useManagerMessages();
  const { toggleLocale } = useManagerActions();
  return (
    <button type="button" className="button button-ghost" lang={m.languageToggle.lang} aria-label={m.languageToggle.aria} onClick={toggleLocale}>
      {m.languageToggle.label}
    </button>
  );
}

export function Brand() {
  const m = useManagerMessages();
  return (
    <div className="mgr-brand">
      <span className="brand-mark" aria-hidden="true">
        ★
      </span>
      <span className="mgr-brand-name">{m.appName}</span>
      <span className="mgr-brand-sub">{m.appSub}</span>
    </div>
  );
}

function TicketSearch() {
  const m = useManagerMessages();
  const id = useId();
  const value = useManager((s) => s.search);
  const problem = useManager((s) => s.searchProblem);
  const { typeSearch, searchTicket } = useManagerActions();
  return (
    <form
      className="mgr-search"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        void searchTicket();
      }}
    >
      <label htmlFor={id} className="sr-only">
        {m.search.label}
      </label>
      <input
        id={id}
        name="ticketSearch"
        className="mgr-input"
        autoComplete="off"
        maxLength={SEARCH_QUERY_MAX}
        placeholder={m.search.placeholder}
        value={value}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-error` : undefined}
        onChange={(event) => typeSearch(event.target.value)}
      />
      <button type="submit" className="button button-secondary">
        {m.search.submit}
      </button>
      {problem && (
        <p id={`${id}-error`} className="mgr-error mgr-search-error" role="alert">
          {m.search[problem]}
        </p>
      )}
    </form>
  );
}

export function Header() {
  const m = useManagerMessages();
  const view = useManager((s) => s.view);
  const { setView, unpair } = useManagerActions();
  const canUnpair = useManager((s) => s.pairable);
  const tabs: Array<[ManagerView, string]> = [
    ['schedule', m.nav.schedule],
    ['week', m.nav.week],
    ['catalog', m.nav.catalog],
    ['ticketTypes', m.nav.ticketTypes],
    ['reports', m.nav.reports],
    ['devices', m.nav.devices],
    ['find', m.find.nav],
    ['cashup', m.cashup.nav],
  ];
  return (
    <header className="mgr-topbar">
      <Brand />
      <nav className="mgr-nav" aria-label={m.nav.label}>
        {tabs.map(([key, label]) => (
          <button
            key={key}
            type="button"
            className={`mgr-tab${view === key ? ' mgr-tab-current' : ''}`}
            aria-current={view === key ? 'page' : undefined}
            onClick={() => setView(key)}
          >
            {label}
          </button>
        ))}
      </nav>
      <TicketSearch />
      <LanguageButton />
      {canUnpair && (
        <button type="button" className="button button-ghost" title={m.nav.unpairHint} onClick={unpair}>
          {m.nav.unpair}
        </button>
      )}
    </header>
  );
}
