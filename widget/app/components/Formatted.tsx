import { Fragment } from "preact";
import { shown } from "../../client/bidi.js";

/**
 * Fills `{key}` placeholders with values rendered as isolated text (`<bdi>`) with their bidi controls made visible,
 * so a name cannot reorder the sentence nor itself.
 */
export function Formatted({ template, values }: { template: string; values: Record<string, string | number> }) {
  const parts = template.split(/\{(\w+)\}/);
  return (
    <>
      {parts.map((part, i) => (i % 2 === 0 ? <Fragment key={i}>{part}</Fragment> : <bdi key={i}>{part in values ? shown(String(values[part])) : `{${part}}`}</bdi>))}
    </>
  );
}
