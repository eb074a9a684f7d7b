import { TicketForm } from "../../selfservice/components/TicketForm.js";
import { useModel } from "../model/context.js";
import { queueInfo } from "../model/queue-advice.js";
import { HelpLinks } from "./HelpLinks.js";

/** "Help": the language's help articles, then the ticket form (started from a draft when the visitor chose "Leave a message"). */
export function HelpPanel() {
  const { t, queues, language, ticketDraft, prefill } = useModel();
  const draft = ticketDraft.value;
  const links = queueInfo(queues.value, language.value)?.helpLinks ?? [];
  return (
    <div class="panel__body">
      <HelpLinks links={links} t={t.value} id="help-links" />
      <TicketForm key={draft.id} initial={{ email: draft.email || prefill.value.email, description: draft.description }} chat={draft.chat} />
    </div>
  );
}
