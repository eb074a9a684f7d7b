// Agent shifts in the agent's own time zone: "Mon-Fri 08:00-16:00 Europe/Berlin". Shifts may cross midnight
// ("Sun-Thu 22:00-06:00" runs from Sunday 22:00 to Monday 06:00). Local wall-clock times are honoured across DST
// changes. Pure: uses only Intl for time-zone arithmetic.

export const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** One weekly shift: on these local weekdays, from `from` to `to` (minutes after local midnight; `to` ≤ `from` crosses midnight). */
export interface Shift {
  days: Weekday[];
  from: number;
  to: number;
}

export interface Schedule {
  timeZone: string;
  /** Empty = always within a shift (an agent with no schedule). */
  shifts: Shift[];
}

const HHMM = /^([01]\d|2[0-4]):([0-5]\d)$/;

function minutes(text: string): number | null {
  const m = HHMM.exec(text);
  if (!m) return null;
  const value = Number(m[1]) * 60 + Number(m[2]);
  return value > 24 * 60 ? null : value;
}

function dayList(text: string): Weekday[] | null {
  if (/^(daily|every ?day)$/i.test(text)) return [...WEEKDAYS];
  const out = new Set<Weekday>();
  for (const part of text.split(",")) {
    const [a, b] = part.split("-").map((s) => s.trim());
    const i = WEEKDAYS.findIndex((d) => d.toLowerCase() === a?.toLowerCase());
    const j = b === undefined ? i : WEEKDAYS.findIndex((d) => d.toLowerCase() === b.toLowerCase());
    if (i < 0 || j < 0) return null;
    for (let k = i; ; k = (k + 1) % 7) {
      out.add(WEEKDAYS[k]!);
      if (k === j) break;
    }
  }
  return WEEKDAYS.filter((d) => out.has(d));
}

/** Parses "Mon-Fri 08:00-16:00", "Sat,Sun 10:00-14:00", "Daily 22:00-06:00". Returns an error message instead of throwing. */
export function parseShift(text: string): Shift | string {
  const m = /^\s*(\S+)\s+(\d{2}:\d{2})\s*-\s*(\d{2}:\d{2})\s*$/.exec(text);
  if (!m) return `"${text}" is not a shift: write it like "Mon-Fri 08:00-16:00"`;
  const days = dayList(m[1]!);
  if (!days) return `"${m[1]}" is not a list of days: use Mon, Tue, Wed, Thu, Fri, Sat, Sun, ranges like Mon-Fri, or Daily`;
  const from = minutes(m[2]!);
  const to = minutes(m[3]!);
  if (from === null || to === null || from === 24 * 60) return `"${m[2]}-${m[3]}" is not a time range from 00:00 to 24:00`;
  if (from === to) return `"${text}" is empty: the start and the end are the same`;
  return { days, from, to };
}

/** Formats a shift back to its text form. */
export function formatShift(shift: Shift): string {
  const hhmm = (n: number) => `${String(Math.floor(n / 60)).padStart(2, "0")}:${String(n % 60).padStart(2, "0")}`;
  return `${shift.days.join(",")} ${hhmm(shift.from)}-${hhmm(shift.to)}`;
}

/** True when the IANA time zone is known to this runtime. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

// Kept per zone as the runtime names it: "europe/berlin" and "Europe/Berlin" share one. Other spellings are remembered
// up to a bound, so a zone given in a request's query in ever-new spellings cannot grow memory without end.
const formatters = new Map<string, Intl.DateTimeFormat>();
const spellings = new Map<string, string>();
const MAX_SPELLINGS = 256;
function formatter(zone: string): Intl.DateTimeFormat {
  const known = formatters.get(zone) ?? formatters.get(spellings.get(zone) ?? "");
  if (known) return known;
  const f = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", weekday: "short", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric" });
  const name = f.resolvedOptions().timeZone;
  if (name !== zone && spellings.size < MAX_SPELLINGS) spellings.set(zone, name);
  let kept = formatters.get(name);
  if (!kept) formatters.set(name, (kept = f));
  return kept;
}

/** How many time-zone formatters and extra spellings are kept (for tests: bounded whatever zones are asked for). */
export const keptZoneFormats = () => formatters.size + spellings.size;

/** The local weekday, date and minute of day of instant `t` in `zone`. */
export function localTime(t: number, zone: string): { weekday: number; year: number; month: number; day: number; minute: number } {
  const parts: Record<string, string> = {};
  for (const p of formatter(zone).formatToParts(t)) parts[p.type] = p.value;
  return {
    weekday: WEEKDAYS.indexOf(parts.weekday as Weekday),
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    minute: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** Within a shift at instant `t`? */
export function onShift(schedule: Schedule, t: number): boolean {
  if (schedule.shifts.length === 0) return true;
  const local = localTime(t, schedule.timeZone);
  const today = WEEKDAYS[local.weekday]!;
  const yesterday = WEEKDAYS[(local.weekday + 6) % 7]!;
  return schedule.shifts.some((s) =>
    s.from < s.to
      ? s.days.includes(today) && local.minute >= s.from && local.minute < s.to
      : (s.days.includes(today) && local.minute >= s.from) || (s.days.includes(yesterday) && local.minute < s.to),
  );
}

/**
 * The instants within (t, t + horizonMs] at which the agent's on-shift state changes, in order, each with the
 * new state. Found by checking every 15 minutes and narrowing each change to the minute (shifts are whole minutes).
 */
export function shiftChanges(schedule: Schedule, t: number, horizonMs: number): Array<{ at: number; on: boolean }> {
  if (schedule.shifts.length === 0) return [];
  const STEP = 15 * 60_000;
  const changes: Array<{ at: number; on: boolean }> = [];
  let prevT = t;
  let prev = onShift(schedule, t);
  for (let probe = t + STEP; probe < t + horizonMs + STEP; probe += STEP) {
    const at = Math.min(probe, t + horizonMs);
    const now = onShift(schedule, at);
    if (now !== prev) {
      let lo = prevT;
      let hi = at;
      while (hi - lo > 60_000) {
        const mid = lo + Math.floor((hi - lo) / 2);
        if (onShift(schedule, mid) === prev) lo = mid;
        else hi = mid;
      }
      changes.push({ at: hi - (hi % 60_000), on: now });
      prev = now;
    }
    prevT = at;
    if (at === t + horizonMs) break;
  }
  return changes;
}
