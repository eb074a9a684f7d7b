// Staffing coverage: per language and hour of the week, how many agents are scheduled, and the gaps where
// nobody is. Computed over a real week in the viewer's time zone, so DST and agents' own zones line up.
import type { LanguageCode } from "../protocol/ids.js";
import { localTime, onShift, type Schedule } from "./schedule.js";

export interface CoverageAgent {
  languages: readonly LanguageCode[];
  schedule: Schedule;
}

export interface CoverageGap {
  /** First hour of the week (0 = Monday 00:00) with nobody, and the hour after the last. */
  fromHour: number;
  toHour: number;
  /** "Mon 00:00–06:00" style label. */
  label: string;
}

export interface LanguageCoverage {
  language: LanguageCode;
  /** 168 counts, Monday 00:00 first. */
  hours: number[];
  gaps: CoverageGap[];
}

const DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const label = (hour: number) => `${DAYS[Math.floor(hour / 24) % 7]} ${String(hour % 24).padStart(2, "0")}:00`;

/** The instant at which the local clock in `timeZone` shows this date and minute of day (two passes for DST edges). */
export function zonedInstant(year: number, month: number, day: number, minute: number, timeZone: string): number {
  const wanted = Date.UTC(year, month - 1, day, 0, minute);
  let t = wanted;
  for (let pass = 0; pass < 2; pass++) {
    const l = localTime(t, timeZone);
    t += wanted - Date.UTC(l.year, l.month - 1, l.day, 0, l.minute);
  }
  return t;
}

/** Coverage of the week (Monday to Sunday, in `timeZone`) containing `t`, sampled at the middle of each local hour. */
export function coverage(agents: readonly CoverageAgent[], languages: readonly LanguageCode[], t: number, timeZone: string): LanguageCoverage[] {
  const today = localTime(t, timeZone);
  const monday = new Date(Date.UTC(today.year, today.month - 1, today.day - ((today.weekday + 6) % 7)));
  const samples = Array.from({ length: 168 }, (_, h) => {
    const date = new Date(monday.getTime() + Math.floor(h / 24) * 86_400_000);
    return zonedInstant(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), (h % 24) * 60 + 30, timeZone);
  });
  return languages.map((language) => {
    const speakers = agents.filter((a) => a.languages.includes(language));
    const hours = samples.map((at) => speakers.filter((a) => onShift(a.schedule, at)).length);
    const gaps: CoverageGap[] = [];
    for (let h = 0; h < 168; h++) {
      if (hours[h] !== 0) continue;
      let end = h;
      while (end < 168 && hours[end] === 0) end++;
      gaps.push({ fromHour: h, toHour: end, label: `${label(h)}–${label(end % 168)}` });
      h = end;
    }
    return { language, hours, gaps };
  });
}
