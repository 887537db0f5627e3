// Money on the API is integer minor units (cents) of one ISO 4217 currency; each UI shows it in
// its own language. The currency decides how many minor units make one (JPY none, USD two).

/** 950, 'USD', 'en-US' → "$9.50"; 950, 'EUR', 'es-ES' → "9,50 €". */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}
