// Every date and time in the app is shown in Vietnam's time zone, whatever the viewer's machine says.
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

export function formatClockTime(date: Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(date);
}

export function formatClockDate(date: Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: TIME_ZONE,
    weekday: 'long',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(date);
}

/** dd/mm/yyyy hh:mm[:ss] in Asia/Ho_Chi_Minh */
function dateTime(date: Date, locale: string, seconds: boolean): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: TIME_ZONE,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    ...(seconds ? { second: '2-digit' as const } : {}),
    hour12: false,
  }).format(date);
}

export function formatDateTime(iso: string, locale: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime(date, locale, false);
}

export function formatDateTimeSeconds(date: Date, locale: string): string {
  return Number.isNaN(date.getTime()) ? '' : dateTime(date, locale, true);
}

/** Vietnam has kept UTC+7 all year since 1975: a local day is a fixed 24 h span. */
const VN_OFFSET_MS = 7 * 3600_000;
export const DAY_MS = 24 * 3600_000;

/** The local date (YYYY-MM-DD) in Vietnam of an instant. */
export function vnDay(date: Date): string {
  return new Date(date.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instants a Vietnamese day starts and ends at; null when `day` is not YYYY-MM-DD. */
export function vnDayBounds(day: string): { start: Date; end: Date } | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const midnightUtc = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(midnightUtc)) return null;
  const start = new Date(midnightUtc - VN_OFFSET_MS);
  return { start, end: new Date(start.getTime() + DAY_MS) };
}

/** The day before or after (YYYY-MM-DD). */
export function shiftDay(day: string, days: number): string {
  const t = Date.parse(`${day}T00:00:00Z`);
  return new Date(t + days * DAY_MS).toISOString().slice(0, 10);
}

/** A readable size: 1.2 MB, 840 kB, 512 B (decimal units, as file managers show). */
export function formatBytes(n: number, locale: string): string {
  const units = ['B', 'kB', 'MB', 'GB'];
  let v = n;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  const digits = i === 0 || v >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(v)} ${units[i]}`;
}
