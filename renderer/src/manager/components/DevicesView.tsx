// Devices & server: health (database, last expiry sweep), backups (the last one, its age, a
// warning past BACKUP_STALE_HOURS), the LAN listener's address and TLS
// fingerprint for pinning, and the device tokens (create, shown once; revoke, confirmed).
import { useEffect, useId, useRef, useState } from 'react';
import { ROLES, type Role } from '../../../../main/common/operations';
import { PAIRABLE_ROLES, type PairableRole } from '../../../../main/common/roles';
import { PairingCodeCard } from '../../shared/components/pairing/PairingCodeCard';
import { BACKUP_STALE_HOURS } from '../../../../main/common/schemas';
import { formatAge, formatDuration, formatSize } from '../lib/time';
import type { DevicesData } from '../store/manager-store';
import { useTimes } from '../hooks/useTimes';
import { useManager, useManagerActions, useManagerMessages } from '../store/context';
import { CopyButton } from './CopyButton';
import { Field } from './Field';
import { ViewHead } from './ViewHead';

function HealthCard({ status }: { status: DevicesData['status'] }) {
  const m = useManagerMessages();
  const t = useTimes();
  const id = useId();
  const sweep = status?.lastSweep ?? null;
  return (
    <section className="mgr-card" aria-labelledby={`${id}-h`} data-card="health">
      <h2 id={`${id}-h`}>{m.devices.health}</h2>
      {status === null ? (
        <p className="pane-empty pane-empty-small">{m.devices.loading}</p>
      ) : (
        <dl className="facts">
          <div className="fact">
            <dt>{m.devices.database}</dt>
            <dd>
              <span className={`health health-${status.database}`} data-testid="database-health">
                <span className="health-dot" aria-hidden="true" />
                {status.database === 'up' ? m.devices.up : m.devices.down}
              </span>
            </dd>
          </div>
          <div className="fact">
            <dt>{m.devices.version}</dt>
            <dd className="mono">{status.version}</dd>
          </div>
          <div className="fact">
            <dt>{m.devices.lastSweep}</dt>
            <dd>
              {sweep === null ? (
                m.devices.neverSwept
              ) : (
                <>
                  <time dateTime={sweep.at}>{t.stamp(sweep.at)}</time>
                  <span className="fact-sub">
                    {m.devices.sweepCounts(sweep.marked, sweep.deleted, sweep.batches)} · {m.devices.sweepTook(formatDuration(sweep.durationMs, m.localeTag))}
                  </span>
                  {sweep.error !== null && (
                    <span className="fact-error">
                      {m.devices.sweepError}: {sweep.error}
                    </span>
                  )}
                </>
              )}
            </dd>
          </div>
        </dl>
      )}
    </section>
  );
}

function BackupCard({ status }: { status: DevicesData['status'] }) {
  const m = useManagerMessages();
  const t = useTimes();
  const id = useId();
  const backup = status?.backup ?? null;
  const last = backup?.last ?? null;
  return (
    <section className="mgr-card" aria-labelledby={`${id}-h`} data-card="backup">
      <h2 id={`${id}-h`}>{m.devices.backups}</h2>
      {backup === null ? (
        <p className="pane-empty pane-empty-small">{m.devices.loading}</p>
      ) : (
        <>
          {backup.stale && (
            <p className="fact-error" role="alert" data-testid="backup-warning">
              {last === null ? m.devices.backupMissing : m.devices.backupStale(BACKUP_STALE_HOURS / 24)}
            </p>
          )}
          <dl className="facts">
            <div className="fact">
              <dt>{m.devices.lastBackup}</dt>
              <dd data-testid="last-backup">
                {last === null ? (
                  m.devices.noBackup
                ) : (
                  <>
                    <time dateTime={last.at}>{t.stamp(last.at)}</time>
                    <span className="fact-sub">
                      {m.devices.backupFacts(formatAge(last.ageHours, m.localeTag), formatSize(last.bytes, m.localeTag), last.host)}
                    </span>
                    <span className="fact-sub mono">{last.file}</span>
                    {last.copyError !== null && (
                      <span className="fact-error">
                        {m.devices.backupCopyFailed}: {last.copyError}
                      </span>
                    )}
                  </>
                )}
              </dd>
            </div>
            {backup.lastFailure !== null && (
              <div className="fact">
                <dt>{m.devices.backupFailed}</dt>
                <dd>
                  <time dateTime={backup.lastFailure.at}>{t.stamp(backup.lastFailure.at)}</time>
                  <span className="fact-error">{backup.lastFailure.error}</span>
                </dd>
              </div>
            )}
            <div className="fact">
              <dt>{m.devices.backupSchedule}</dt>
              <dd className={backup.schedule === null ? undefined : 'mono'}>{backup.schedule ?? m.devices.backupScheduleOff}</dd>
            </div>
          </dl>
        </>
      )}
    </section>
  );
}

function ListenerCard({ status }: { status: DevicesData['status'] }) {
  const m = useManagerMessages();
  const id = useId();
  const listener = status?.listener ?? null;
  return (
    <section className="mgr-card" aria-labelledby={`${id}-h`} data-card="listener">
      <h2 id={`${id}-h`}>{m.devices.listener}</h2>
      {status === null ? (
        <p className="pane-empty pane-empty-small">{m.devices.loading}</p>
      ) : listener === null ? (
        <p className="mgr-note">{m.devices.listenerOff}</p>
      ) : (
        <dl className="facts">
          <div className="fact fact-copy">
            <dt>{m.devices.url}</dt>
            <dd>
              <span className="mono" data-testid="listener-url">
                {listener.url}
              </span>
              <CopyButton text={listener.url} label={m.devices.copyUrl} />
            </dd>
          </div>
          <div className="fact fact-copy">
            <dt>{m.devices.fingerprint}</dt>
            <dd>
              <span className="mono fingerprint" data-testid="tls-fingerprint">
                {listener.fingerprint}
              </span>
              <CopyButton text={listener.fingerprint} label={m.devices.copyFingerprint} />
            </dd>
          </div>
        </dl>
      )}
      {listener !== null && <p className="mgr-hint">{m.devices.fingerprintHint}</p>}
    </section>
  );
}

function CreatedToken() {
  const m = useManagerMessages();
  const created = useManager((s) => s.devices.created);
  const { dismissCreatedToken } = useManagerActions();
  const id = useId();
  const field = useRef<HTMLInputElement>(null);
  const token = created?.token;
  // Focus lands on the secret, selected, so it can be copied at once and is read out.
  useEffect(() => {
    if (token !== undefined) field.current?.focus();
  }, [token]);
  if (created === null) return null;
  const inputId = `${id}-token`;
  return (
    <div className="token-reveal" role="region" aria-labelledby={`${id}-h`} data-testid="created-token">
      <h3 id={`${id}-h`}>{m.devices.createdHeading(created.label)}</h3>
      <p className="token-warning">
        <span aria-hidden="true">⚠ </span>
        {m.devices.createdWarning}
      </p>
      <div className="token-row">
        <label htmlFor={inputId} className="sr-only">
          {m.devices.tokenField}
        </label>
        <input ref={field} id={inputId} className="mgr-input mgr-input-mono" readOnly value={created.token} onFocus={(event) => event.target.select()} />
        <CopyButton text={created.token} label={m.devices.copyToken} inputId={inputId} />
      </div>
      <div className="mgr-form-actions">
        <button type="button" className="button button-secondary" onClick={dismissCreatedToken}>
          {m.devices.createdDone}
        </button>
      </div>
    </div>
  );
}

function NewTokenForm() {
  const m = useManagerMessages();
  const role = useManager((s) => s.tokenRole);
  const label = useManager((s) => s.tokenLabel);
  const problem = useManager((s) => s.tokenProblem);
  const busy = useManager((s) => s.busy);
  const { setTokenRole, typeTokenLabel, createToken } = useManagerActions();
  const id = useId();
  return (
    <form
      className="token-form"
      aria-labelledby={`${id}-h`}
      onSubmit={(event) => {
        event.preventDefault();
        void createToken();
      }}
    >
      <h3 id={`${id}-h`}>{m.devices.newToken}</h3>
      <div className="token-form-fields">
        <Field label={m.devices.role}>
          {({ id: selectId }) => (
            <select id={selectId} name="role" className="mgr-input" value={role} onChange={(event) => setTokenRole(event.target.value as Role)}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {m.devices.roles[r]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={m.devices.label} hint={m.devices.labelHint} error={problem ? m.devices.labelErrors[problem] : null} className="grow">
          {({ id: inputId, describedBy, invalid }) => (
            <input
              id={inputId}
              name="label"
              className="mgr-input"
              autoComplete="off"
              value={label}
              aria-invalid={invalid || undefined}
              aria-describedby={describedBy}
              onChange={(event) => typeTokenLabel(event.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="button button-primary token-submit" disabled={busy}>
          {m.devices.create}
        </button>
      </div>
    </form>
  );
}

/** Where devices reach this server: the listener's LAN address, else this page's own origin. */
function serverUrl(status: DevicesData['status']): string | null {
  if (status?.listener) return status.listener.url;
  return typeof location !== 'undefined' && location.protocol.startsWith('http') ? location.origin : null;
}

/** "Pair a device": a one-time code shown large, with a QR of the device page's pairing link. */
function PairDeviceCard({ status }: { status: DevicesData['status'] }) {
  const m = useManagerMessages();
  const t = useTimes();
  const pairing = useManager((s) => s.devices.pairing);
  const busy = useManager((s) => s.busy);
  const problem = useManager((s) => s.tokenProblem);
  const { createPairing, dismissPairing } = useManagerActions();
  const [role, setRole] = useState<PairableRole>('kiosk');
  const [label, setLabel] = useState('');
  const id = useId();
  return (
    <section className="mgr-card card-wide" aria-labelledby={`${id}-h`} data-card="pairing">
      <h2 id={`${id}-h`}>{m.devices.pairHeading}</h2>
      {pairing ? (
        <PairingCodeCard
          code={pairing.code}
          role={pairing.role}
          serverUrl={serverUrl(status)}
          heading={m.devices.pairCodeFor(m.devices.roles[pairing.role], pairing.label)}
          expiry={<p className="mgr-muted">{m.devices.pairExpires(t.clock(pairing.expiresAt))}</p>}
          qrLabel={m.devices.pairQr}
          noLink={<p className="mgr-note">{m.devices.pairNoLink}</p>}
        >
          <div className="mgr-form-actions">
            <button type="button" className="button button-secondary" onClick={dismissPairing}>
              {m.devices.pairDone}
            </button>
          </div>
        </PairingCodeCard>
      ) : (
        <form
          className="token-form"
          onSubmit={(event) => {
            event.preventDefault();
            void createPairing(role, label).then(() => setLabel(''));
          }}
        >
          <p className="mgr-muted">{m.devices.pairIntro}</p>
          <div className="token-form-fields">
            <Field label={m.devices.pairRole}>
              {({ id: selectId }) => (
                <select id={selectId} name="pairRole" className="mgr-input" value={role} onChange={(event) => setRole(event.target.value as PairableRole)}>
                  {PAIRABLE_ROLES.map((r) => (
                    <option key={r} value={r}>
                      {m.devices.roles[r]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={m.devices.pairLabel} hint={m.devices.labelHint} error={problem ? m.devices.labelErrors[problem] : null} className="grow">
              {({ id: inputId, describedBy, invalid }) => (
                <input
                  id={inputId}
                  name="pairLabel"
                  className="mgr-input"
                  autoComplete="off"
                  value={label}
                  aria-invalid={invalid || undefined}
                  aria-describedby={describedBy}
                  onChange={(event) => setLabel(event.target.value)}
                />
              )}
            </Field>
            <button type="submit" className="button button-primary token-submit" disabled={busy}>
              {m.devices.pairCreate}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function TokensCard({ tokens }: { tokens: DevicesData['tokens'] }) {
  const m = useManagerMessages();
  const t = useTimes();
  const busy = useManager((s) => s.busy);
  const { askRevoke } = useManagerActions();
  const id = useId();
  return (
    <section className="mgr-card card-wide" aria-labelledby={`${id}-h`} data-card="tokens">
      <h2 id={`${id}-h`}>{m.devices.tokens}</h2>
      <CreatedToken />
      <NewTokenForm />
      {tokens === null ? (
        <p className="pane-empty pane-empty-small">{m.devices.loading}</p>
      ) : tokens.length === 0 ? (
        <p className="pane-empty pane-empty-small">{m.devices.noTokens}</p>
      ) : (
        <table className="grid tokens-table">
          <caption className="sr-only">{m.devices.tokensCaption}</caption>
          <thead>
            <tr>
              <th scope="col" className="cell-num">
                {m.devices.tokenNo}
              </th>
              <th scope="col">{m.devices.label}</th>
              <th scope="col">{m.devices.role}</th>
              <th scope="col">{m.devices.created}</th>
              <th scope="col">{m.devices.lastUsed}</th>
              <th scope="col">{m.devices.status}</th>
              <th scope="col">
                <span className="sr-only">{m.devices.actions}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {[...tokens]
              .sort((a, b) => Number(a.revokedAt !== null) - Number(b.revokedAt !== null) || b.tokenId - a.tokenId)
              .map((token) => (
                <tr key={token.tokenId} className={token.revokedAt ? 'is-past' : ''} data-token-id={token.tokenId}>
                  <td className="cell-num">{token.tokenId}</td>
                  <td className="cell-name">{token.label}</td>
                  <td>
                    <span className={`tag tag-role-${token.role}`}>{m.devices.roles[token.role]}</span>
                  </td>
                  <td>
                    <time dateTime={token.createdAt}>{t.stamp(token.createdAt)}</time>
                  </td>
                  <td data-cell="last-used">
                    {token.lastUsedAt ? <time dateTime={token.lastUsedAt}>{t.stamp(token.lastUsedAt)}</time> : m.devices.neverUsed}
                  </td>
                  <td>{token.revokedAt ? m.devices.revokedAt(t.stamp(token.revokedAt)) : <span className="tag tag-ok">{m.devices.active}</span>}</td>
                  <td className="cell-action">
                    {token.revokedAt === null && (
                      <button type="button" className="button button-danger-outline button-small" disabled={busy} aria-label={m.devices.revokeAria(token.label)} onClick={() => askRevoke(token)}>
                        {m.devices.revoke}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function DevicesView() {
  const m = useManagerMessages();
  const devices = useManager((s) => s.devices);
  const { refreshDevices } = useManagerActions();
  const id = useId();
  return (
    <main id="main-content" tabIndex={-1} className="mgr-main mgr-devices" aria-labelledby={`${id}-h`} data-view="devices">
      <ViewHead headingId={`${id}-h`} heading={m.devices.heading} sub={m.devices.subheading}>
      {devices.available !== false && (
        <button type="button" className="button button-secondary" onClick={() => void refreshDevices()}>
          {m.devices.refresh}
        </button>
      )}
      </ViewHead>
      {devices.available === false ? (
        <p className="mgr-card mgr-note" data-testid="devices-unavailable">
          {m.devices.unavailable}
        </p>
      ) : (
        <div className="devices-grid">
          <HealthCard status={devices.status} />
          <BackupCard status={devices.status} />
          <ListenerCard status={devices.status} />
          <PairDeviceCard status={devices.status} />
          <TokensCard tokens={devices.tokens} />
        </div>
      )}
    </main>
  );
}
