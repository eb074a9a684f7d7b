// The console's feedback report: items, distribution, average and per-day figures over the filtered period. Pure.
import type { FeedbackReportView, FeedbackView } from "../../protocol/selfservice.js";
import type { FeedbackRecord } from "../../store/port.js";
import { attachmentView } from "../tickets/views.js";

/** Most items one report lists (the newest); the figures cover every match. */
export const REPORT_ITEMS = 1000;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const round2 = (n: number) => Math.round(n * 100) / 100;

/** Midnight UTC of a YYYY-MM-DD day, or null when it is not a real date. */
export function dayStart(text: string): number | null {
  const m = DAY.exec(text);
  if (!m) return null;
  const at = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(at).toISOString().slice(0, 10) === text ? at : null;
}

export const feedbackView = (f: FeedbackRecord): FeedbackView => ({
  id: f.id,
  rating: f.rating,
  comment: f.comment,
  email: f.email,
  language: f.language,
  screenshots: f.screenshots.map((s) => attachmentView(s, (fileId) => `/api/agent/feedback/${f.id}/files/${fileId}`)),
  createdAt: f.createdAt,
});

/** The report over `items` (already filtered, newest first). */
export function feedbackReport(items: FeedbackRecord[]): FeedbackReportView {
  const distribution: FeedbackReportView["distribution"] = [0, 0, 0, 0, 0];
  const days = new Map<string, { count: number; sum: number }>();
  let sum = 0;
  for (const f of items) {
    distribution[f.rating - 1]!++;
    sum += f.rating;
    const day = new Date(f.createdAt).toISOString().slice(0, 10);
    const entry = days.get(day) ?? { count: 0, sum: 0 };
    entry.count++;
    entry.sum += f.rating;
    days.set(day, entry);
  }
  return {
    items: items.slice(0, REPORT_ITEMS).map(feedbackView),
    distribution,
    average: items.length ? round2(sum / items.length) : null,
    byDay: [...days].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, d]) => ({ day, count: d.count, average: round2(d.sum / d.count) })),
  };
}
