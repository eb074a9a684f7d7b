// The feedback page: filters (rating, date range) and the report (items, distribution, daily averages).
import { signal, type ReadonlySignal } from "@preact/signals";
import type { FeedbackReportView } from "../../server/protocol/index.js";
import { isRecord, localError, type ServerError } from "./http-port.js";
import { createResource } from "./resource.js";
import type { SelfServiceContext } from "./selfservice-context.js";

/** The feedback filters; `""` means any. Dates are `YYYY-MM-DD` (UTC days). */
export interface FeedbackFilters {
  rating: "" | "1" | "2" | "3" | "4" | "5";
  from: string;
  to: string;
}

/** No filter. */
export const ALL_FEEDBACK: FeedbackFilters = { rating: "", from: "", to: "" };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The `GET /api/agent/feedback` path for the filters (only those set). */
export function feedbackPath(filters: FeedbackFilters): string {
  const query = new URLSearchParams();
  if (filters.rating !== "") query.set("rating", filters.rating);
  if (DAY.test(filters.from)) query.set("from", filters.from);
  if (DAY.test(filters.to)) query.set("to", filters.to);
  const text = query.toString();
  return text === "" ? "/api/agent/feedback" : `/api/agent/feedback?${text}`;
}

/** A `FeedbackReportView` reply, or `null` when the reply is not one. */
export function reportFrom(data: unknown): FeedbackReportView | null {
  if (!isRecord(data) || !Array.isArray(data.items) || !Array.isArray(data.byDay)) return null;
  const { distribution, average } = data;
  if (!Array.isArray(distribution) || distribution.length !== 5 || !distribution.every((n) => typeof n === "number")) return null;
  if (average !== null && typeof average !== "number") return null;
  return data as unknown as FeedbackReportView;
}

/** The feedback page as components read it. */
export interface FeedbackPage {
  filters: ReadonlySignal<FeedbackFilters>;
  report: ReadonlySignal<FeedbackReportView | null>;
  loading: ReadonlySignal<boolean>;
  error: ReadonlySignal<ServerError | null>;
}

/** Feedback actions. */
export interface FeedbackActions {
  setFilters(change: Partial<FeedbackFilters>): Promise<void>;
  refresh(): Promise<void>;
  reset(): void;
}

/** Creates the feedback page model. */
export function createFeedback(ctx: SelfServiceContext): { page: FeedbackPage; actions: FeedbackActions } {
  const filters = signal<FeedbackFilters>(ALL_FEEDBACK);
  const report = createResource(ctx, reportFrom);

  function refresh(): Promise<void> {
    const { from, to } = filters.value;
    if (DAY.test(from) && DAY.test(to) && from > to) {
      report.fail(localError("The From date is after the To date.", [{ path: "from", message: "After To" }]));
      return Promise.resolve();
    }
    return report.load(feedbackPath(filters.value));
  }

  return {
    page: { filters, report: report.resource.data, loading: report.resource.loading, error: report.resource.error },
    actions: {
      setFilters(change) {
        filters.value = { ...filters.value, ...change };
        return refresh();
      },
      refresh,
      reset() {
        filters.value = ALL_FEEDBACK;
        report.reset();
      },
    },
  };
}
