import type { ComponentChildren } from "preact";
import { useRef } from "preact/hooks";
import { useModel } from "../model/context.js";
import type { Section } from "../model/model.js";

/** A tab panel, drawn on its first visit and then kept (hidden) so that what was typed in it stays. */
export function Panel({ name, children }: { name: Section; children: ComponentChildren }) {
  const { section } = useModel();
  const active = section.value === name;
  const visited = useRef(false);
  if (active) visited.current = true;
  if (!visited.current) return null;
  return (
    <section role="tabpanel" id={`panel-${name}`} aria-labelledby={`tab-${name}`} class={`panel panel--${name}`} hidden={!active}>
      {children}
    </section>
  );
}
