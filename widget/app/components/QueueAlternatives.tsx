import { format, languageName, type Dictionary } from "../i18n/index.js";
import type { QueueAdvice } from "../model/queue-advice.js";
import { formatWait } from "../model/wait.js";
import { Formatted } from "./Formatted.js";
import { HelpLinks } from "./HelpLinks.js";

/**
 * What to say about a queue in peak or closed: the notice (the admins' away text when closed and set; not when the
 * line is closing, since someone is still there), and the fallback's wait when one is offered.
 */
export function adviceLines(d: Dictionary, advice: QueueAdvice, language: string, away: string | null = null): string[] {
  if (advice.state === "open") return [];
  const notice =
    advice.state === "peak"
      ? d.peakNotice
      : advice.state === "full"
        ? format(d.fullNotice, { language: languageName(d, language) })
        : advice.closing
          ? format(d.closingNotice, { language: languageName(d, language) })
          : (away ?? format(d.closedNotice, { language: languageName(d, language) }));
  const info = advice.fallback?.info;
  const wait = info ? formatWait(d, info.etaSeconds, info.etaRange, { reliable: info.etaReliable }) : "";
  return wait && advice.fallback ? [notice, format(d.fallbackWait, { language: languageName(d, advice.fallback.language), wait })] : [notice];
}

interface Props {
  advice: QueueAdvice;
  t: Dictionary;
  /** "Chat in {language} instead" before the chat, "Continue in {language}" during the wait. */
  fallbackTemplate: string;
  onFallback(language: string): void;
  leaveLabel: string;
  onLeave(): void;
  /** Prefix of element ids. */
  id: string;
}

/** The ways out of a queue in peak or closed: the fallback queue, a message by email, the help links. */
export function QueueAlternatives({ advice, t, fallbackTemplate, onFallback, leaveLabel, onLeave, id }: Props) {
  if (advice.state === "open") return null;
  const fallback = advice.fallback;
  return (
    <div class="alternatives">
      <div class="actions">
        {fallback && (
          <button type="button" class="primary" onClick={() => onFallback(fallback.language)}>
            <Formatted template={fallbackTemplate} values={{ language: languageName(t, fallback.language) }} />
          </button>
        )}
        <button type="button" class={fallback ? "secondary" : "primary"} aria-describedby={`${id}-leave-hint`} onClick={onLeave}>
          {leaveLabel}
        </button>
        <span id={`${id}-leave-hint`} class="hint">
          {t.leaveMessageHint}
        </span>
      </div>
      <HelpLinks links={advice.helpLinks} t={t} id={`${id}-links`} />
    </div>
  );
}
