import { JsonValue } from '@aib-scorecards/plugin-azure-image-builder-common';

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

function parse(iso: string): Date | undefined {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** "3 hours ago"; the input unchanged when it is not a date. */
export function formatRelativeTime(iso: string, now: number = Date.now()) {
  const date = parse(iso);
  if (!date) return iso;
  const seconds = Math.round((date.getTime() - now) / 1000);
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === 'second') {
      return format.format(Math.round(seconds / size), unit);
    }
  }
  return iso;
}

/**
 * "2025-03-04 10:15 UTC": the same text for every viewer and every test run, so people in
 * different time zones can compare scan times.
 */
export function formatAbsoluteTime(iso: string): string {
  const date = parse(iso);
  if (!date) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** An observed value as it is shown in a code span; an empty string shows as `""`, not as nothing. */
export function formatObserved(value: JsonValue): string {
  if (value === '') return '""';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * The URL when it is an http(s) link, else `undefined`: a `javascript:` URL from a tampered
 * snapshot must not become a clickable link.
 */
export function safeHttpUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}
