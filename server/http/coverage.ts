// `GET /api/admin/coverage?timeZone=…`: scheduled agents per language and hour of the week, and the gaps.
import express, { type Router } from "express";
import type { Sessions } from "../auth/session.js";
import type { Config } from "../config.js";
import { coverage } from "../domain/coverage.js";
import { isTimeZone } from "../domain/schedule.js";
import { scheduleOf } from "../desk/estimates.js";
import type { Store } from "../store/port.js";
import { requireAgent } from "./agent-auth.js";
import { sendError } from "./errors.js";

export function coverageRouter(config: Config, store: Store, sessions: Sessions, now: () => number): Router {
  const router = express.Router();
  router.get("/api/admin/coverage", requireAgent(sessions, ["supervisor", "admin"]), async (req, res) => {
    const timeZone = typeof req.query.timeZone === "string" && req.query.timeZone !== "" ? req.query.timeZone : "UTC";
    if (timeZone.length > 64 || !isTimeZone(timeZone)) return sendError(res, 400, "invalid_payload", `timeZone: "${timeZone.slice(0, 64)}" is not a time zone`);
    const agents = (await store.agents.list()).filter((a) => !a.disabled).map((a) => ({ languages: a.languages, schedule: scheduleOf(a), always: !a.shifts?.length }));
    res.json({
      timeZone,
      /** Agents with no schedule count as on shift at every hour. */
      unscheduledAgents: agents.filter((a) => a.always).length,
      languages: coverage(agents, config.languages, now(), timeZone),
    });
  });
  return router;
}
