// The Reports page (supervisors, admins): today or the last 7 days, in the viewer's time zone.
import { computed, signal, type ReadonlySignal } from "@preact/signals";
import type { AgentRole, ReportView } from "../../server/protocol/index.js";
import { isRecord, type ServerError } from "./http-port.js";
import { createResource } from "./resource.js";
import { mayUse } from "./route.js";
import type { SelfServiceContext } from "./selfservice-context.js";

export type ReportPeriod = "today" | "week";

export interface ReportsPage {
  allowed: ReadonlySignal<boolean>;
  period: ReadonlySignal<ReportPeriod>;
  report: ReadonlySignal<ReportView | null>;
  loading: ReadonlySignal<boolean>;
  error: ReadonlySignal<ServerError | null>;
}

export function reportFrom(data: unknown): ReportView | null {
  return isRecord(data) && typeof data.conversations === "number" && Array.isArray(data.byHour) && data.byHour.length === 24 && Array.isArray(data.ratings) ? (data as unknown as ReportView) : null;
}

/** "1 min 5 s", "42 s", "—" for no value. */
export function formatSeconds(seconds: number | null): string {
  if (seconds === null) return "—";
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${s % 60} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** "33 %" or "—". */
export const formatShare = (share: number | null) => (share === null ? "—" : `${Math.round(share * 100)} %`);

export function createReports(ctx: SelfServiceContext, role: () => AgentRole | undefined, timeZone: () => string) {
  const allowed = computed(() => mayUse(role(), "reports"));
  const period = signal<ReportPeriod>("today");
  const resource = createResource(ctx, reportFrom);
  const refresh = async () => {
    if (allowed.value) await resource.load(`/api/reports?period=${period.value}&timeZone=${encodeURIComponent(timeZone())}`);
  };
  const page: ReportsPage = { allowed, period, report: resource.resource.data, loading: resource.resource.loading, error: resource.resource.error };
  return {
    page,
    actions: {
      refresh,
      async setPeriod(next: ReportPeriod) {
        period.value = next;
        await refresh();
      },
      reset() {
        resource.reset();
        period.value = "today";
      },
    },
  };
}
