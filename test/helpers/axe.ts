// Runs axe-core in a page and returns its serious and critical violations (the bar every console page must clear).
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const require = createRequire(import.meta.url);
let source: Promise<string> | null = null;

/** A violation as the test reports it: the rule, its impact, and the first offending elements. */
export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** Serious and critical axe-core violations on the page as it is now (WCAG 2.1 A and AA rules and best practices). */
export async function seriousViolations(page: Page): Promise<AxeFinding[]> {
  source ??= readFile(require.resolve("axe-core/axe.min.js"), "utf8");
  // Evaluated through the debugging protocol, so the console's strict CSP (script-src 'self') does not block it.
  await page.evaluate(await source);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact ?? "", help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}
