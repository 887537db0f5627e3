// Prices as the manager types them: "9.50" or "9,50" in the currency's major unit, never
// cents — the API's integer minor units are the store's business, not the form's.

/** How many minor units make one of the currency's major unit, as a power of ten (USD 2, JPY 0). */
export function currencyDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** "9.50" / "9,5" / "9" → 950 (USD); null when it is not a price in that currency. */
export function parsePrice(text: string, currency: string): number | null {
  const digits = currencyDigits(currency);
  const match = /^(\d{1,9})(?:[.,](\d*))?$/.exec(text.trim());
  if (!match) return null;
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return null;
  return Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
}

/** 950 → "9.50" (USD): what a price field starts with. */
export function priceText(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  return (minor / 10 ** digits).toFixed(digits);
}
