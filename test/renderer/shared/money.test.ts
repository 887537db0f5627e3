// Minor units to words: each currency's own fraction digits, each language's own way of writing it.
import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../../renderer/src/shared/lib/money';

const spaced = (text: string) => text.replace(/\s/g, ' ');

describe('formatMoney', () => {
  it('reads minor units with the currency’s own fraction digits', () => {
    expect(formatMoney(3100, 'USD', 'en')).toBe('$31.00');
    expect(formatMoney(950, 'USD', 'en')).toBe('$9.50');
    expect(formatMoney(500, 'JPY', 'en')).toBe('¥500');
    expect(spaced(formatMoney(1500, 'KWD', 'en'))).toBe('KWD 1.500');
  });

  it('writes the amount as the language does', () => {
    expect(spaced(formatMoney(3100, 'EUR', 'es'))).toBe('31,00 €');
  });
});
