// The bubble, its unread badge and the chat panel (the iframe itself), inside a shadow root on a host
// element whose own styles are `all: initial` + `!important`: the page's CSS cannot restyle them, and
// nothing here leaks out. Styles go through the CSSOM (`style.cssText`), never a <style> element.
// The root is open: a closed one would not keep page scripts out (a shadow root is no trust boundary; the
// cross-origin iframe is), but would keep out Playwright and accessibility checkers.
import type { LoaderConfig } from "./config.js";

/** The loader's DOM: [host element, shadow root, bubble button, icon path, badge]. */
export type LoaderDom = [HTMLElement, ShadowRoot, HTMLButtonElement, SVGPathElement, HTMLElement];

const SVG = "http://www.w3.org/2000/svg";

const make = <K extends keyof HTMLElementTagNameMap>(tag: K, css: string, parent?: Node) => {
  const node = document.createElement(tag);
  node.style.cssText = css;
  parent?.appendChild(node);
  return node;
};

/** Builds the loader's DOM (not yet attached to the page). */
export function createDom({ side, color }: LoaderConfig): LoaderDom {
  const host = make("parley-widget" as "div", "all:initial!important;position:fixed!important;z-index:2147483000!important");
  const root = host.attachShadow({ mode: "open" });
  const button = make("button", `position:fixed;${side}:20px;bottom:20px;padding:16px;border:0;border-radius:50%;background:${color};cursor:pointer;box-shadow:0 4px 16px #0005`, root);
  button.type = "button";
  const svg = button.appendChild(document.createElementNS(SVG, "svg"));
  // A white icon with a dark halo reads on any bubble colour.
  svg.style.cssText = "display:block;width:24px;height:24px;fill:none;stroke:#fff;stroke-width:2;filter:drop-shadow(0 0 1px #000)";
  const path = svg.appendChild(document.createElementNS(SVG, "path"));
  const badge = make("span", "position:absolute;top:-4px;right:-4px;padding:0 6px;border-radius:9px;background:#c00;color:#fff;font:700 12px/20px sans-serif", button);
  return [host, root, button, path, badge];
}

// "Below 480px wide" without a media query: (100vw - 480px) * 999 is hugely negative there and hugely
// positive above, so clamp() picks the full-screen value (0) or the floating one, and max() the reverse.
const edge = (floating: string) => `clamp(0px,(100vw - 480px)*999,${floating})`;
const NARROW = "(480px - 100vw)*999";

/** Creates the chat iframe as a panel above the bubble (full screen on small viewports), after the bubble so that it covers it there. */
export function createFrame(root: ShadowRoot, side: string, src: string): HTMLIFrameElement {
  const frame = make("iframe", `display:none;position:fixed;border:0;box-shadow:0 4px 16px #0005;${side}:${edge("20px")};bottom:${edge("88px")};width:min(100%,max(380px,${NARROW}));height:min(100%,max(min(600px,100% - 108px),${NARROW}));border-radius:${edge("12px")}`, root);
  frame.title = "Chat";
  frame.setAttribute("sandbox", "allow-scripts allow-same-origin allow-forms");
  frame.src = src;
  return frame;
}
