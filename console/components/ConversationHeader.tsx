// Who the open conversation is with: name, email, language, the page they came from.
import { shown, languageName } from "../format.js";
import type { ChatEntry } from "../model/index.js";
import { PageLink } from "./PageLink.js";
import { TranscriptEmailButton } from "./TranscriptEmailButton.js";
import { TransferButton } from "./TransferDialog.js";
import { useConsole } from "./use-console.js";

/** The open conversation's header, with its "Close conversation" button while it is active. */
export function ConversationHeader({ entry }: { entry: ChatEntry }) {
  const { actions } = useConsole();
  const { view } = entry;
  return (
    <header class="chat-head">
      <div class="chat-who">
        <h2 id="chat-title">
          <bdi>{shown(view.visitorName)}</bdi>
        </h2>
        <dl class="facts">
          <div>
            <dt>Identity</dt>
            <dd>{view.verified ? "Verified by the site" : "Unverified (name and email as typed)"}</dd>
          </div>
          {view.visitorEmail && (
            <div>
              <dt>Email</dt>
              <dd>
                <bdi>{shown(view.visitorEmail)}</bdi>
              </dd>
            </div>
          )}
          <div>
            <dt>Language</dt>
            <dd>
              <span class="language-code">{view.language}</span> {languageName(view.language)}
            </dd>
          </div>
          {view.pageUrl && (
            <div>
              <dt>Page</dt>
              <dd>
                <PageLink url={view.pageUrl} />
              </dd>
            </div>
          )}
        </dl>
      </div>
      <div class="chat-actions">
        <TranscriptEmailButton entry={entry} />
        {view.status !== "closed" && (
          <>
            <TransferButton conversationId={view.id} visitorName={view.visitorName} language={view.language} />
            <button type="button" class="danger" onClick={() => void actions.closeConversation(view.id)}>
              Close conversation
            </button>
          </>
        )}
      </div>
    </header>
  );
}
