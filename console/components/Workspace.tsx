// A signed-in agent's screen: the header with the sections, the section on screen, and the notice bar under it.
import { AgentsPage } from "./AgentsPage.js";
import { BoardPage } from "./BoardPage.js";
import { CannedPage } from "./CannedPage.js";
import { ChatsSection } from "./ChatsSection.js";
import { CoveragePage } from "./CoveragePage.js";
import { LanguagesPage } from "./LanguagesPage.js";
import { ReportsPage } from "./ReportsPage.js";
import { SearchPage } from "./SearchPage.js";
import { WidgetPage } from "./WidgetPage.js";
import { FeedbackPage } from "./FeedbackPage.js";
import { Header } from "./Header.js";
import { Notices } from "./Notices.js";
import { OfficialsPage } from "./OfficialsPage.js";
import { TicketsPage } from "./TicketsPage.js";
import { useConsole } from "./use-console.js";

/** The signed-in layout. */
export function Workspace() {
  const { route } = useConsole();
  const section = route.value.section;
  return (
    <div class="workspace">
      <Header />
      {section === "chats" && <ChatsSection />}
      {section === "tickets" && <TicketsPage />}
      {section === "feedback" && <FeedbackPage />}
      {section === "officials" && <OfficialsPage />}
      {section === "agents" && <AgentsPage />}
      {section === "canned" && <CannedPage />}
      {section === "languages" && <LanguagesPage />}
      {section === "widget" && <WidgetPage />}
      {section === "coverage" && <CoveragePage />}
      {section === "reports" && <ReportsPage />}
      {section === "board" && <BoardPage />}
      {section === "search" && <SearchPage />}
      <Notices />
    </div>
  );
}
