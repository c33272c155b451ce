import { parseExpiry } from './expires';

describe('parseExpiry', () => {
  it.each([
    // A date applies through that whole day, UTC.
    ['2026-12-31', '2027-01-01T00:00:00.000Z'],
    ['2028-02-29', '2028-03-01T00:00:00.000Z'],
    ['2026-12-31T18:00:00Z', '2026-12-31T18:00:00.000Z'],
    ['2026-12-31T18:00Z', '2026-12-31T18:00:00.000Z'],
    ['2026-12-31t18:00:00.250z', '2026-12-31T18:00:00.250Z'],
    ['2026-12-31T18:00:00+01:00', '2026-12-31T17:00:00.000Z'],
    ['2026-12-31T18:00:00-05:30', '2026-12-31T23:30:00.000Z'],
  ])('reads %s as ending at %s', (value, end) => {
    expect(new Date(parseExpiry(value)!).toISOString()).toBe(end);
  });

  it.each([
    ['', 'empty'],
    ['31/12/2026', 'not ISO'],
    ['2026-12-31 18:00:00Z', 'a space for T'],
    ['2026-12-31T18:00:00', 'a date-time without a zone'],
    ['2026-02-30', 'a day the month does not have'],
    ['2027-02-29', 'February 29 of a common year'],
    ['2026-13-01', 'month 13'],
    ['2026-00-10', 'month 0'],
    ['2026-12-00', 'day 0'],
    ['2026-12-31T24:00:00Z', 'hour 24'],
    ['2026-12-31T18:60:00Z', 'minute 60'],
    ['2026-12-31T18:00:00+25:00', 'a zone past 24 hours'],
    ['next year', 'words'],
    ['2026-12', 'a month'],
  ])('rejects %j (%s)', value => {
    expect(parseExpiry(value)).toBeUndefined();
  });
});
