// The scenario file: its schema, the checks zod cannot express (dates, time zones, shifts), and loading it.
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { isTimeZone, parseShift, type Schedule, type Shift } from "../../server/domain/schedule.js";

const HOUR_MS = 3_600_000;

const shiftSchema = z.strictObject({ days: z.string(), from: z.string(), to: z.string() });

const languageSchema = z.strictObject({
  /** Mean arrivals in each UTC hour of the day, index 0 = 00:00–01:00 UTC. */
  arrivalsPerHour: z.array(z.number().finite().nonnegative()).length(24),
  meanHandleSeconds: z.number().finite().positive(),
  /** Mean patience: a customer still waiting after their patience leaves the queue. */
  patienceSeconds: z.number().finite().positive(),
});

const agentSchema = z.strictObject({
  name: z.string().min(1),
  languages: z.array(z.string().min(1)).min(1),
  maxChats: z.number().int().positive(),
  timeZone: z.string().default("UTC"),
  /** No shifts = always on. */
  shifts: z.array(shiftSchema).default([]),
});

const scenarioSchema = z.strictObject({
  days: z.number().int().min(1).max(28),
  start: z.string(),
  languages: z.record(z.string().min(1), languageSchema).refine((l) => Object.keys(l).length > 0, "needs at least one language"),
  agents: z.array(agentSchema),
  fallbackLanguage: z.string().min(1).default("en"),
  handleDistribution: z.enum(["exponential", "lognormal"]).default("exponential"),
  /** Coefficient of variation of lognormal handle times (exponential is always 1). */
  handleCV: z.number().finite().positive().optional(),
  /** How far ahead estimates look for shift changes (the server's horizon). */
  horizonHours: z.number().finite().positive().max(48).default(4),
});

type RawScenario = z.infer<typeof scenarioSchema>;
export type LanguageSpec = z.infer<typeof languageSchema>;

/** One agent of a scenario, with the schedule the domain code reads. */
export interface ScenarioAgent {
  name: string;
  languages: string[];
  maxChats: number;
  schedule: Schedule;
}

/** A checked scenario. Times are epoch milliseconds. */
export interface Scenario extends Omit<RawScenario, "start" | "agents" | "handleCV"> {
  start: number;
  end: number;
  handleCV: number;
  agents: ScenarioAgent[];
}

/** Lognormal handle times have a coefficient of variation of 1 unless the scenario says otherwise (like exponential). */
export const DEFAULT_HANDLE_CV = 1;

const where = (path: ReadonlyArray<PropertyKey>) =>
  path.reduce<string>((text, key) => (typeof key === "number" ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), "") || "(top level)";

/** Checks a parsed JSON value; every problem names its field, e.g. `agents[2].shifts[0].from: …`. */
export function parseScenario(value: unknown): { ok: true; scenario: Scenario } | { ok: false; errors: string[] } {
  const parsed = scenarioSchema.safeParse(value);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((i) => `${where(i.path)}: ${i.message}`) };
  const raw = parsed.data;
  const errors: string[] = [];
  const start = Date.parse(raw.start);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(raw.start) || Number.isNaN(start)) errors.push(`start: "${raw.start}" is not an ISO date-time like "2026-03-02T00:00:00Z"`);
  else if (start % HOUR_MS !== 0) errors.push(`start: must be on a whole UTC hour (arrivalsPerHour is per UTC hour), got "${raw.start}"`);
  if (raw.handleCV !== undefined && raw.handleDistribution !== "lognormal") errors.push(`handleCV: only applies to "handleDistribution": "lognormal"`);
  const agents = raw.agents.map((agent, a): ScenarioAgent => {
    if (!isTimeZone(agent.timeZone)) errors.push(`agents[${a}].timeZone: "${agent.timeZone}" is not an IANA time zone`);
    const shifts: Shift[] = [];
    agent.shifts.forEach((s, i) => {
      const shift = parseShift(`${s.days} ${s.from}-${s.to}`);
      if (typeof shift === "string") errors.push(`agents[${a}].shifts[${i}]: ${shift}`);
      else shifts.push(shift);
    });
    return { name: agent.name, languages: agent.languages, maxChats: agent.maxChats, schedule: { timeZone: agent.timeZone, shifts } };
  });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, scenario: { ...raw, start, end: start + raw.days * 24 * HOUR_MS, handleCV: raw.handleCV ?? DEFAULT_HANDLE_CV, agents } };
}

/** Reads and checks a scenario file; errors are prefixed with the file name. */
export async function loadScenario(file: string): Promise<{ ok: true; scenario: Scenario } | { ok: false; errors: string[] }> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    return { ok: false, errors: [`${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`] };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [`${file}: not valid JSON (${(error as Error).message})`] };
  }
  const result = parseScenario(value);
  return result.ok ? result : { ok: false, errors: result.errors.map((e) => `${file}: ${e}`) };
}
