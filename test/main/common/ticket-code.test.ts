// The ticket code's format and its check symbol, without a database.
import { describe, expect, test } from 'vitest';
import {
  TICKET_CODE_ALPHABET, TICKET_CODE_BITS, checkSymbol, formatTicketCode, normalizeTicketCode, ticketCodeFromBits,
} from '../../../main/common/ticket-code';
import { newTicketCode } from '../../../main/core/operations/ticket-codes';

describe('ticket codes', () => {
  test('carry at least 50 random bits in an alphabet without look-alikes', () => {
    expect(TICKET_CODE_BITS).toBeGreaterThanOrEqual(50);
    expect(TICKET_CODE_ALPHABET).toHaveLength(32);
    for (const lookAlike of ['I', 'L', 'O', 'U']) expect(TICKET_CODE_ALPHABET).not.toContain(lookAlike);
  });

  test('are printed in three groups of four and read back in any spelling', () => {
    const code = newTicketCode();
    const printed = formatTicketCode(code);
    expect(printed).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(normalizeTicketCode(printed)).toBe(code);
    expect(normalizeTicketCode(` ${printed.toLowerCase().replaceAll('-', ' ')} `)).toBe(code);
  });

  test('fresh codes across several refills of the random pool never repeat and use the whole alphabet', () => {
    const codes = Array.from({ length: 3000 }, () => newTicketCode()); // > 5 pools of 512
    expect(new Set(codes).size).toBe(codes.length);
    for (let i = 0; i < 11; i++) expect(new Set(codes.map((c) => c[i])).size, `position ${i}`).toBe(32);
    for (const code of codes.slice(0, 50)) expect(normalizeTicketCode(code)).toBe(code);
  });

  test('O, I and L read as 0, 1 and 1', () => {
    const random = '0110AB1CD0E';
    const code = random + checkSymbol(random);
    expect(normalizeTicketCode(code.replaceAll('0', 'O').replace('1', 'I').replace('1', 'l'))).toBe(code);
  });

  test('every single wrong symbol is caught by the check symbol', () => {
    const code = newTicketCode();
    let refused = 0;
    for (let i = 0; i < code.length; i++) {
      for (const c of TICKET_CODE_ALPHABET) {
        if (c === code[i]) continue;
        const wrong = code.slice(0, i) + c + code.slice(i + 1);
        expect(normalizeTicketCode(wrong)).toBeNull();
        refused++;
      }
    }
    expect(refused).toBe(12 * 31);
  });

  test('refuses wrong lengths and foreign symbols', () => {
    for (const text of ['', 'K7QM-4XWP-9T', 'K7QM-4XWP-9TX8A', 'K7QM-4XWP-9TX*', '18', 'mq_token']) {
      expect(normalizeTicketCode(text)).toBeNull();
    }
  });

  test('use all 55 bits: each bit position is set in roughly half of 1000 fresh codes', () => {
    const counts = new Array<number>(TICKET_CODE_BITS).fill(0);
    const decode = (code: string) => {
      let bits = 0n;
      for (let i = 0; i < 11; i++) bits |= BigInt(TICKET_CODE_ALPHABET.indexOf(code[i]!)) << BigInt(5 * i);
      return bits;
    };
    for (let n = 0; n < 1000; n++) {
      const code = newTicketCode();
      expect(ticketCodeFromBits(decode(code))).toBe(code);
      const bits = decode(code);
      for (let b = 0; b < TICKET_CODE_BITS; b++) if ((bits >> BigInt(b)) & 1n) counts[b]!++;
    }
    // 1000 fair coin flips land outside 400..600 with probability below 1e-9.
    for (const count of counts) {
      expect(count).toBeGreaterThan(400);
      expect(count).toBeLessThan(600);
    }
  });
});
