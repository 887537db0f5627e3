// Money crosses the API as integer minor units (cents) of the server's currency (MARQUEE_CURRENCY);
// every UI turns it into words here, in its own language, so no screen does its own arithmetic.

/** `minor` units of `currency` as `locale` writes them: 3100 USD in en → "$31.00", 500 JPY → "¥500". */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  // The currency's own fraction digits: 2 for USD and EUR, 0 for JPY, 3 for KWD.
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}
