import { FeedbackForm } from "../components/FeedbackForm.js";
import { ThreadView } from "../components/ThreadView.js";
import { TicketForm } from "../components/TicketForm.js";
import { VerifyForm } from "../components/VerifyForm.js";
import { useSelfService } from "../context.js";
import type { Route } from "../route.js";

/** The page title's dictionary key for a route. */
export const TITLE_KEYS = { ticket: "pageTicket", thread: "pageThread", feedback: "pageFeedback", verify: "pageVerify", unknown: "pageTicket" } as const;

/** One standalone page: its title and the same component the chat panel shows. */
export function Page({ route }: { route: Route }) {
  const d = useSelfService().t.value;
  return (
    <main class="page">
      {route.page !== "thread" && <h1 class="page__title">{d[TITLE_KEYS[route.page]]}</h1>}
      <div class="page__card">
        {route.page === "ticket" && <TicketForm />}
        {route.page === "thread" && <ThreadView token={route.token} />}
        {route.page === "feedback" && <FeedbackForm />}
        {route.page === "verify" && <VerifyForm />}
        {route.page === "unknown" && (
          <p class="error" role="alert">
            {d.threadNotFound}
          </p>
        )}
      </div>
    </main>
  );
}
