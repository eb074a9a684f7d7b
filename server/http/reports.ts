// `GET /api/reports?period=today|week&timeZone=…` (supervisors, admins): the figures of the conversations started
// today or in the last 7 days (local days in `timeZone`), computed from the stored conversations.
import express, { type Router } from "express";
import type { Sessions } from "../auth/session.js";
import { zonedInstant } from "../domain/coverage.js";
import { buildReport } from "../domain/report.js";
import { isTimeZone, localTime, onShift } from "../domain/schedule.js";
import { scheduleOf } from "../desk/estimates.js";
import type { ReportView } from "../protocol/admin.js";
import type { Store } from "../store/port.js";
import { createQueryCheck, firstIssue } from "../selfservice/query.js";
import { requireAgent } from "./agent-auth.js";
import { sendError } from "./errors.js";

/** The local dates (y, m, d) of the `days` days ending today in `timeZone`, oldest first. */
function localDates(now: number, timeZone: string, days: number): { y: number; m: number; d: number }[] {
  const today = localTime(now, timeZone);
  return Array.from({ length: days }, (_, i) => {
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day - (days - 1 - i)));
    return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
  });
}

export function reportsRouter(store: Store, sessions: Sessions, now: () => number): Router {
  const router = express.Router();
  router.get("/api/reports", requireAgent(sessions, ["supervisor", "admin"]), async (req, res) => {
    const query = createQueryCheck(req.query);
    const period = query.oneOf("period", ["today", "week"] as const) ?? "today";
    const timeZone = query.string("timeZone", 64) ?? "UTC";
    if (!isTimeZone(timeZone)) query.issues.push({ path: "timeZone", message: "is not a time zone (use an IANA name such as Europe/Berlin)" });
    if (query.issues.length > 0) return sendError(res, 400, "invalid_payload", `Bad report request: ${firstIssue(query.issues)}`, query.issues);

    const at = now();
    const dates = localDates(at, timeZone, period === "today" ? 1 : 7);
    const from = zonedInstant(dates[0]!.y, dates[0]!.m, dates[0]!.d, 0, timeZone);
    const conversations = await store.conversations.listCreated(from, at + 1);
    const agents = (await store.agents.list()).filter((a) => !a.disabled).map(scheduleOf);
    // Agents on shift at the middle of each local hour, averaged over the period's days.
    const staffing = Array.from({ length: 24 }, (_, hour) => {
      const counts = dates.map(({ y, m, d }) => agents.filter((schedule) => onShift(schedule, zonedInstant(y, m, d, hour * 60 + 30, timeZone))).length);
      return counts.reduce((a, b) => a + b, 0) / counts.length;
    });
    const hourOf = (t: number) => Math.floor(localTime(t, timeZone).minute / 60);
    const view: ReportView = { period, timeZone, from, to: at, ...buildReport(conversations, hourOf, dates.length, staffing) };
    res.set("Cache-Control", "no-store").json(view);
  });
  return router;
}
