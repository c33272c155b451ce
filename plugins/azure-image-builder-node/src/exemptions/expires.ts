const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last day of this one.
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The instant an exemption stops applying, in epoch milliseconds, from its `expires`: a date
 * (`2026-12-31`) applies through that whole day in UTC, so it ends at the next midnight UTC; a
 * date-time must carry a zone (`Z` or `+01:00`) so that it means the same instant everywhere.
 * `undefined` when the value is not one of those, or not a real date (`2026-02-30`).
 */
export function parseExpiry(value: string): number | undefined {
  const date = DATE.exec(value);
  if (date) {
    const [y, m, d] = date.slice(1).map(Number);
    if (!isCalendarDate(y, m, d)) return undefined;
    return Date.UTC(y, m - 1, d + 1);
  }
  const dateTime = DATE_TIME.exec(value);
  if (dateTime) {
    const [y, m, d, h, min] = dateTime.slice(1, 6).map(Number);
    const s = dateTime[6] === undefined ? 0 : Number(dateTime[6]);
    const zone = dateTime[7];
    if (!isCalendarDate(y, m, d) || h > 23 || min > 59 || s > 59) {
      return undefined;
    }
    if (zone.toUpperCase() !== 'Z') {
      const [zh, zm] = zone.slice(1).split(':').map(Number);
      if (zh > 23 || zm > 59) return undefined;
    }
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}
