// The administration and supervision pages (agents, …): entering a page loads it; signing out forgets it.
import { effect, untracked } from "@preact/signals";
import { createAgentsAdmin, type AgentsActions, type AgentsPage } from "./agents.js";
import { createCanned, type CannedActions, type CannedPage } from "./canned.js";
import { createCoverage, type CoveragePage } from "./coverage.js";
import { createSearch, type SearchPage, type SearchQuery } from "./search.js";
import { createReports, type ReportPeriod, type ReportsPage } from "./reports.js";
import { createSettingsAdmin, type SettingsActions, type SettingsPage } from "./settings-admin.js";
import type { SectionId } from "./route.js";
import type { SelfServiceContext } from "./selfservice-context.js";
import type { ConsoleState } from "./state.js";

/** The Agents page. */
export interface AgentsModel extends AgentsPage {
  actions: Omit<AgentsActions, "reset">;
}

/** Canned responses: the reply box's suggestions and their page. */
export interface CannedModel extends CannedPage {
  actions: Omit<CannedActions, "reset">;
}

/** The runtime settings (Languages and texts, Widget). */
export interface SettingsModel extends SettingsPage {
  actions: Omit<SettingsActions, "reset">;
}

/** Everything the administration pages read and do. */
export interface AdminModel {
  agents: AgentsModel;
  canned: CannedModel;
  runtimeSettings: SettingsModel;
  coverage: CoveragePage & { actions: { refresh(): Promise<void> } };
  search: SearchPage & { actions: { search(query: SearchQuery): Promise<void> } };
  reports: ReportsPage & { actions: { refresh(): Promise<void>; setPeriod(period: ReportPeriod): Promise<void> } };
}

/** A page's loader and its reset. */
interface PageControl {
  refresh(): Promise<void>;
  reset(): void;
}

/** Creates the pages' model; it follows `state.session` and `state.route`. */
export function createAdminPages(ctx: SelfServiceContext, state: ConsoleState): AdminModel {
  const role = () => state.agent.value?.role;
  const agents = createAgentsAdmin(ctx, role);
  const canned = createCanned(ctx, role);
  const settings = createSettingsAdmin(ctx, role);
  const zone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  const coverage = createCoverage(ctx, role, zone);
  const reports = createReports(ctx, role, zone);
  const search = createSearch(ctx);
  const pages: Partial<Record<SectionId, PageControl>> = { search: search.actions, reports: reports.actions, coverage: coverage.actions, agents: agents.actions, canned: canned.actions, languages: settings.actions, widget: settings.actions };

  let entered: SectionId | null = null;
  effect(() => {
    const signedIn = state.session.value === "signed-in";
    const route = state.route.value;
    const section = route.section;
    untracked(() => {
      if (!signedIn) {
        if (entered !== null) for (const page of new Set(Object.values(pages))) page.reset();
        entered = null;
        return;
      }
      if (section !== entered) void pages[section]?.refresh();
      if (route.section === "search" && route.conversationId !== search.page.openedId.value) void search.actions.open(route.conversationId);
      entered = section;
    });
  });

  const { reset: _agentsReset, ...agentActions } = agents.actions;
  const { reset: _cannedReset, ...cannedActions } = canned.actions;
  const { reset: _settingsReset, ...settingsActions } = settings.actions;
  return {
    agents: { ...agents.page, actions: agentActions },
    canned: { ...canned.page, actions: cannedActions },
    runtimeSettings: { ...settings.page, actions: settingsActions },
    coverage: { ...coverage.page, actions: { refresh: coverage.actions.refresh } },
    search: { ...search.page, actions: { search: search.actions.search } },
    reports: { ...reports.page, actions: { refresh: reports.actions.refresh, setPeriod: reports.actions.setPeriod } },
  };
}
