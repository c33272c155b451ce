import {
  formatAbsoluteTime,
  formatObserved,
  formatRelativeTime,
  safeHttpUrl,
} from './format';

describe('formatRelativeTime', () => {
  const now = Date.parse('2025-03-04T12:00:00Z');

  it.each([
    ['2025-03-04T11:59:30Z', '30 seconds ago'],
    ['2025-03-04T11:55:00Z', '5 minutes ago'],
    ['2025-03-04T09:00:00Z', '3 hours ago'],
    ['2025-03-03T12:00:00Z', 'yesterday'],
    ['2025-02-04T12:00:00Z', '4 weeks ago'],
    ['2025-01-03T12:00:00Z', '2 months ago'],
    ['2025-03-04T12:00:00Z', 'now'],
  ])('%s is %s', (iso, expected) => {
    expect(formatRelativeTime(iso, now)).toBe(expected);
  });

  it('returns text that is not a date unchanged', () => {
    expect(formatRelativeTime('soon', now)).toBe('soon');
  });
});

describe('formatAbsoluteTime', () => {
  it('formats in UTC to the minute', () => {
    expect(formatAbsoluteTime('2025-03-04T10:15:42+02:00')).toBe(
      '2025-03-04 08:15 UTC',
    );
  });

  it('returns text that is not a date unchanged', () => {
    expect(formatAbsoluteTime('never')).toBe('never');
  });
});

describe('formatObserved', () => {
  it('shows strings as they are and other values as JSON', () => {
    expect(formatObserved('Enabled')).toBe('Enabled');
    expect(formatObserved(3)).toBe('3');
    expect(formatObserved(false)).toBe('false');
    expect(formatObserved(['a', { b: 1 }])).toBe('["a",{"b":1}]');
  });

  it('shows an empty string as "" so it is not mistaken for a missing value', () => {
    expect(formatObserved('')).toBe('""');
  });
});

describe('safeHttpUrl', () => {
  it('keeps http and https links', () => {
    expect(safeHttpUrl('https://learn.microsoft.com/x#y')).toBe(
      'https://learn.microsoft.com/x#y',
    );
    expect(safeHttpUrl('http://intranet/x')).toBe('http://intranet/x');
  });

  it.each([
    // eslint-disable-next-line no-script-url
    'javascript:alert(1)',
    'data:text/html,<script>',
    '/relative',
    '',
    undefined,
  ])('drops %p', url => {
    expect(safeHttpUrl(url)).toBeUndefined();
  });
});
