/** The shared number formats: the texts the charts, sections, exports and CLIs print. */
import { describe, expect, it } from 'vitest';
import { fmt, fmtCount, fmtDensity, fmtFixed, fmtLoss, formatDuration } from '../../src/model/format';

const NON_FINITE = [NaN, Infinity, -Infinity];

describe('the shared number formats', () => {
  it('fmt: 3 significant digits, plain between 1e-3 and 1e5, scientific outside', () => {
    expect([0, 1, 0.5, 0.12345, -2.5, 1234.5, 99_999, 0.001].map(fmt)).toEqual([
      '0',
      '1',
      '0.5',
      '0.123',
      '−2.5',
      '1230',
      '100000',
      '0.001',
    ]);
    expect([100_000, 0.000123, -4.56e-7].map(fmt)).toEqual(['1e+5', '1.23e-4', '−4.56e-7']);
  });

  it('fmtCount: thousands separators', () => {
    expect([0, 999, 2000, 1_234_567].map(fmtCount)).toEqual(['0', '999', '2,000', '1,234,567']);
  });

  it('fmtFixed: a fixed number of decimals', () => {
    expect(fmtFixed(0.12345, 3)).toBe('0.123');
    expect(fmtFixed(2, 1)).toBe('2.0');
  });

  it('formatDuration: seconds, then minutes, then hours', () => {
    expect([0.2, 40, 89.5, 90, 600, 5399, 5400, 8280].map(formatDuration)).toEqual([
      '1 s',
      '40 s',
      '90 s',
      '2 min',
      '10 min',
      '90 min',
      '1.5 h',
      '2.3 h',
    ]);
  });

  it('fmtDensity: two decimals from 0.1 up, two significant digits below', () => {
    expect([1, 0.1, 0.25, 0.099, 0.05, 0.001234].map(fmtDensity)).toEqual([
      '1.00',
      '0.10',
      '0.25',
      '0.099',
      '0.050',
      '0.0012',
    ]);
  });

  it('fmtLoss: scientific notation, 3 digits unless told', () => {
    expect(fmtLoss(0.012345)).toBe('1.235e-2');
    expect(fmtLoss(0.012345, 2)).toBe('1.23e-2');
  });

  it('writes "—" for a value that is not finite', () => {
    for (const v of NON_FINITE) {
      expect([fmt(v), fmtCount(v), fmtFixed(v, 2), formatDuration(v), fmtLoss(v)]).toEqual(['—', '—', '—', '—', '—']);
    }
  });
});
