// The "Feedback" section: filters, the charts of the filtered period, and the feedback itself.
import { distributionBars } from "../model/feedback-chart.js";
import { DailyAverageChart } from "./DailyAverageChart.js";
import { FeedbackFilters } from "./FeedbackFilters.js";
import { FeedbackList } from "./FeedbackList.js";
import { RatingChart } from "./RatingChart.js";
import { ServerErrorBox } from "./ServerErrorBox.js";
import { useConsole } from "./use-console.js";

/** Product feedback with its distribution and daily average. */
export function FeedbackPage() {
  const { feedback } = useConsole();
  const report = feedback.report.value;
  return (
    <main class="page" aria-labelledby="feedback-title" aria-busy={feedback.loading.value}>
      <h2 id="feedback-title">Feedback</h2>
      <FeedbackFilters />
      <ServerErrorBox error={feedback.error.value} />
      {report === null ? (
        feedback.loading.value && <p class="muted">Loading feedback…</p>
      ) : (
        <>
          <div class="charts">
            <RatingChart report={report} />
            <DailyAverageChart byDay={report.byDay} />
          </div>
          <FeedbackList items={report.items} total={distributionBars(report.distribution).total} />
        </>
      )}
    </main>
  );
}
