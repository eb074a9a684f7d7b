// "Reports" (supervisors, admins): today or the last 7 days — conversations, answered within 60 s, mean and p90
// wait, handle time, abandonment and ratings; charts of waits, load and staffing by hour, and the table behind them.
import type { ReportView } from "../../server/protocol/index.js";
import { formatSeconds, formatShare, type ReportPeriod } from "../model/reports.js";
import { HourChart } from "./HourChart.js";
import { OnlyFor } from "./OnlyFor.js";
import { RatingChart } from "./RatingChart.js";
import { ServerErrorBox } from "./ServerErrorBox.js";
import { useConsole } from "./use-console.js";

export function ReportsPage() {
  const { reports } = useConsole();
  if (!reports.allowed.value) return <OnlyFor title="Reports" who="supervisors and admins" what="see reports" />;
  const report = reports.report.value;
  return (
    <main class="page" aria-labelledby="reports-title" aria-busy={reports.loading.value}>
      <h2 id="reports-title">Reports</h2>
      <div class="filters-inline">
        <label for="report-period">Period</label>
        <select id="report-period" value={reports.period.value} onChange={(e) => void reports.actions.setPeriod(e.currentTarget.value as ReportPeriod)}>
          <option value="today">Today</option>
          <option value="week">Last 7 days</option>
        </select>
      </div>
      <ServerErrorBox error={reports.error.value} />
      {report === null ? reports.loading.value && <p class="muted">Loading the report…</p> : <Report report={report} />}
    </main>
  );
}

function Report({ report }: { report: ReportView }) {
  const total = report.ratings.reduce((a, b) => a + b, 0);
  const average = total === 0 ? null : report.ratings.reduce((sum, n, i) => sum + n * (i + 1), 0) / total;
  const busiest = report.byHour.reduce((a, b) => (b.conversations > a.conversations ? b : a));
  const slowest = report.byHour.reduce((a, b) => ((b.meanWaitS ?? -1) > (a.meanWaitS ?? -1) ? b : a));
  const hh = (h: number) => `${String(h).padStart(2, "0")}:00`;
  const short = report.byHour.filter((h) => h.conversations > 0 && h.scheduledAgents === 0).map((h) => hh(h.hour));
  return (
    <>
      <p class="muted">
        {report.period === "today" ? "Conversations started today" : "Conversations started in the last 7 days"} ({report.timeZone}).
      </p>
      <dl class="figures">
        <Figure label="Conversations" value={String(report.conversations)} />
        <Figure label="Answered within 60 s" value={`${report.answeredWithin60s} of ${report.answered}`} />
        <Figure label="Mean wait" value={formatSeconds(report.meanWaitS)} />
        <Figure label="90th percentile wait" value={formatSeconds(report.p90WaitS)} />
        <Figure label="Mean handle time" value={formatSeconds(report.meanHandleS)} />
        <Figure label="Abandoned" value={`${report.abandoned} (${formatShare(report.abandonmentRate)})`} />
        <Figure label="Still waiting" value={String(report.waiting)} />
      </dl>
      <div class="charts charts--even">
        <HourChart
          title="Waits by hour"
          series={[{ label: "Mean wait (s)", values: report.byHour.map((h) => h.meanWaitS), tone: "bar--wait" }]}
          summary={`Mean wait by hour of the day; longest ${slowest.meanWaitS === null ? "none" : `${formatSeconds(slowest.meanWaitS)} at ${hh(slowest.hour)}`}.`}
        />
        <HourChart
          title="Load by hour"
          series={[{ label: "Conversations", values: report.byHour.map((h) => h.conversations), tone: "bar--load" }]}
          summary={`Conversations started per hour${report.period === "week" ? " (per day)" : ""}; busiest ${busiest.conversations === 0 ? "none" : `${hh(busiest.hour)} with ${busiest.conversations}`}.`}
        />
        <HourChart
          title="Staffing against demand"
          series={[
            { label: "Conversations", values: report.byHour.map((h) => h.conversations), tone: "bar--load" },
            { label: "Agents scheduled", values: report.byHour.map((h) => h.scheduledAgents), tone: "bar--staff" },
          ]}
          summary={`Conversations and scheduled agents per hour; ${short.length === 0 ? "every hour with conversations had agents scheduled" : `conversations but no agent scheduled at ${short.join(", ")}`}.`}
        />
        <RatingChart report={{ distribution: report.ratings, average }} />
      </div>
      <table class="registry hourly">
        <caption>Figures by hour</caption>
        <thead>
          <tr>
            <th scope="col">Hour</th>
            <th scope="col">Conversations{report.period === "week" ? " per day" : ""}</th>
            <th scope="col">Mean wait</th>
            <th scope="col">Agents scheduled</th>
          </tr>
        </thead>
        <tbody>
          {report.byHour.map((h) => (
            <tr key={h.hour}>
              <th scope="row">{hh(h.hour)}</th>
              <td>{h.conversations}</td>
              <td>{formatSeconds(h.meanWaitS)}</td>
              <td>{h.scheduledAgents}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div class="figure">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
