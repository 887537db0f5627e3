// `marquee doctor` on the listener's certificate: when the local CA (or one's own certificate)
// ends, said 60 days ahead so that devices can be given the new CA in time, and whether the CA
// is name-constrained (one made by an older Marquee is not).
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config';
import { CA_WARN_DAYS, describeLocalCa, TLS_FILES } from '../tls/certificates';
import type { Check } from './doctor';

const DAY_MS = 86_400_000;

function daysLeft(validTo: Date, now: Date): number {
  return Math.floor((validTo.getTime() - now.getTime()) / DAY_MS);
}

const dateOf = (d: Date) => d.toISOString().slice(0, 10);

export function tlsChecks(config: Pick<Config, 'httpPlain' | 'tlsCertFile' | 'dataDir'>, now = new Date()): Check[] {
  if (config.httpPlain) return [{ label: 'TLS', ok: 'info', detail: 'plain HTTP on loopback (MARQUEE_HTTP_PLAIN): no certificate', neededToServe: false }];
  if (config.tlsCertFile) {
    let validTo: Date;
    try {
      validTo = new Date(new X509Certificate(readFileSync(config.tlsCertFile)).validTo);
    } catch {
      return [{ label: 'TLS certificate', ok: false, detail: `cannot read ${config.tlsCertFile}`, neededToServe: true, fix: 'Point MARQUEE_TLS_CERT at a readable PEM certificate.' }];
    }
    const left = daysLeft(validTo, now);
    return [left > CA_WARN_DAYS
      ? { label: 'TLS certificate', ok: true, detail: `${config.tlsCertFile} is valid until ${dateOf(validTo)} (${left} days)`, neededToServe: false }
      : {
          label: 'TLS certificate', ok: 'warn', neededToServe: false,
          detail: `${config.tlsCertFile} ${left < 0 ? 'expired' : 'expires'} on ${dateOf(validTo)}${left < 0 ? '' : ` (in ${left} days)`}`,
          fix: 'Renew it with whoever issued it and restart serve.',
        }];
  }
  const dir = path.join(config.dataDir, 'tls');
  const ca = describeLocalCa(dir);
  if (!ca) return [{ label: 'Local CA', ok: 'info', detail: `none yet in ${dir}; serve makes one on its first start`, neededToServe: false }];
  const caFile = path.join(dir, TLS_FILES.ca);
  const checks: Check[] = [];
  const left = daysLeft(ca.validTo, now);
  checks.push(left > CA_WARN_DAYS
    ? { label: 'Local CA', ok: true, detail: `${caFile} is valid until ${dateOf(ca.validTo)} (${left} days)`, neededToServe: false }
    : {
        label: 'Local CA', ok: 'warn', neededToServe: false,
        detail: `${caFile} ${left < 0 ? 'expired' : 'expires'} on ${dateOf(ca.validTo)}${left < 0 ? '' : ` (in ${left} days)`}; serve makes a new one 30 days before`,
        fix: 'Plan a moment to install the new CA on every device: stop serve, move the tls folder aside, start serve, and install the new ca.pem it prints on each kiosk, door and manager browser.',
      });
  if (!ca.constrained) {
    checks.push({
      label: 'Local CA constraints', ok: 'warn', neededToServe: false,
      detail: 'made by an older Marquee without name constraints: its key could vouch for any website to the devices that trust it',
      fix: 'When convenient: stop serve, move the tls folder aside, start serve, and install the new ca.pem on each device.',
    });
  }
  return checks;
}
