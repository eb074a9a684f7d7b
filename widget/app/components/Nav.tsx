import { useRef } from "preact/hooks";
import type { Dictionary } from "../i18n/index.js";
import { useModel } from "../model/context.js";
import { SECTIONS, type Section } from "../model/model.js";

const LABELS = { chat: "tabChat", help: "tabHelp", feedback: "tabFeedback", verify: "tabVerify" } as const satisfies Record<Section, keyof Dictionary>;

/** The panel's parts as tabs: Chat (the default), Help, Feedback, Verify. Arrow keys follow the reading direction. */
export function Nav() {
  const { section, t, dir, actions } = useModel();
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const current = SECTIONS.indexOf(section.value);
  const onKeyDown = (event: KeyboardEvent) => {
    const forward = dir.value === "rtl" ? "ArrowLeft" : "ArrowRight";
    const back = dir.value === "rtl" ? "ArrowRight" : "ArrowLeft";
    const last = SECTIONS.length - 1;
    const next =
      event.key === forward ? (current + 1) % SECTIONS.length : event.key === back ? (current + last) % SECTIONS.length : event.key === "Home" ? 0 : event.key === "End" ? last : -1;
    if (next < 0) return;
    event.preventDefault();
    actions.showSection(SECTIONS[next]!);
    tabs.current[next]?.focus();
  };
  return (
    <div class="tabs" role="tablist" aria-label={t.value.sections} onKeyDown={onKeyDown}>
      {SECTIONS.map((name, i) => (
        <button
          key={name}
          ref={(el) => void (tabs.current[i] = el)}
          type="button"
          role="tab"
          id={`tab-${name}`}
          class="tabs__tab"
          aria-selected={i === current}
          aria-controls={`panel-${name}`}
          tabIndex={i === current ? 0 : -1}
          onClick={() => actions.showSection(name)}
        >
          {t.value[LABELS[name]]}
        </button>
      ))}
    </div>
  );
}
