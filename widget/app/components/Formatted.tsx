import { Fragment } from "preact";

/** Fills `{key}` placeholders with values rendered as isolated text (`<bdi>`), so a name cannot reorder the sentence. */
export function Formatted({ template, values }: { template: string; values: Record<string, string | number> }) {
  const parts = template.split(/\{(\w+)\}/);
  return (
    <>
      {parts.map((part, i) => (i % 2 === 0 ? <Fragment key={i}>{part}</Fragment> : <bdi key={i}>{String(values[part] ?? `{${part}}`)}</bdi>))}
    </>
  );
}
