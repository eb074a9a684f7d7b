// The coverage heatmap (supervisors and admins): scheduled agents per language and hour of this week, in the
// viewer's time zone (`GET /api/admin/coverage`), and the gaps where nobody is.
import { computed, type ReadonlySignal } from "@preact/signals";
import type { AgentRole } from "../../server/protocol/index.js";
import { isRecord, type ServerError } from "./http-port.js";
import { createResource } from "./resource.js";
import { mayUse } from "./route.js";
import type { SelfServiceContext } from "./selfservice-context.js";

export interface CoverageGapView {
  fromHour: number;
  toHour: number;
  label: string;
}

export interface LanguageCoverageView {
  language: string;
  /** 168 counts, Monday 00:00 first. */
  hours: number[];
  gaps: CoverageGapView[];
}

export interface CoverageView {
  timeZone: string;
  unscheduledAgents: number;
  languages: LanguageCoverageView[];
}

export interface CoveragePage {
  allowed: ReadonlySignal<boolean>;
  coverage: ReadonlySignal<CoverageView | null>;
  loading: ReadonlySignal<boolean>;
  error: ReadonlySignal<ServerError | null>;
}

export const DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

export function coverageFrom(data: unknown): CoverageView | null {
  if (!isRecord(data) || typeof data.timeZone !== "string" || !Array.isArray(data.languages)) return null;
  const languages = data.languages.filter((l): l is LanguageCoverageView => isRecord(l) && typeof l.language === "string" && Array.isArray(l.hours) && l.hours.length === 168 && Array.isArray(l.gaps));
  return { timeZone: data.timeZone, unscheduledAgents: typeof data.unscheduledAgents === "number" ? data.unscheduledAgents : 0, languages };
}

/** The heat of a cell: 0 for a gap, then 1–4 by the share of the language's busiest hour. */
export function heatLevel(count: number, max: number): number {
  if (count <= 0) return 0;
  return Math.max(1, Math.min(4, Math.ceil((count / Math.max(1, max)) * 4)));
}

export function createCoverage(ctx: SelfServiceContext, role: () => AgentRole | undefined, timeZone: () => string): { page: CoveragePage; actions: { refresh(): Promise<void>; reset(): void } } {
  const allowed = computed(() => mayUse(role(), "coverage"));
  const resource = createResource(ctx, coverageFrom);
  return {
    page: { allowed, coverage: resource.resource.data, loading: resource.resource.loading, error: resource.resource.error },
    actions: {
      async refresh() {
        if (allowed.value) await resource.load(`/api/admin/coverage?timeZone=${encodeURIComponent(timeZone())}`);
      },
      reset: resource.reset,
    },
  };
}
