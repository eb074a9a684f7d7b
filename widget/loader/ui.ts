// The bubble, its unread badge and the chat panel (the iframe itself), inside a shadow root on a host
// element whose own styles are `all: initial` + `!important`: the page's CSS cannot restyle them, and
// nothing here leaks out. Styles go through the CSSOM (`style.cssText`), never a <style> element.
// The root is open: a closed one would not keep page scripts out (a shadow root is no trust boundary; the
// cross-origin iframe is), but would keep out Playwright and accessibility checkers.
import type { LoaderConfig } from "./config.js";

/** The loader's DOM: [host element, shadow root, bubble button, icon path]. */
export type LoaderDom = [HTMLElement, ShadowRoot, HTMLButtonElement, SVGPathElement];

const SVG = "http://www.w3.org/2000/svg";

/** An element with inline styles (CSSOM: allowed under any CSP), appended to `parent`. */
export const make = <K extends keyof HTMLElementTagNameMap>(tag: K, css: string, parent?: Node) => {
  const node = document.createElement(tag);
  node.style.cssText = css;
  parent?.appendChild(node);
  return node;
};

/** Builds the loader's DOM (not yet attached to the page). */
export function createDom({ side, color, ink }: LoaderConfig): LoaderDom {
  const host = make("parley-widget" as "div", "all:initial!important;position:fixed!important;z-index:2147483000!important");
  const root = host.attachShadow({ mode: "open" });
  const button = make("button", `position:fixed;${side}:20px;bottom:20px;padding:16px;border:0;border-radius:50%;background:${color};cursor:pointer;box-shadow:0 4px 16px #0005`, root);
  const svg = button.appendChild(document.createElementNS(SVG, "svg"));
  svg.style.cssText = `display:block;width:24px;height:24px;fill:none;stroke:${ink};stroke-width:2`;
  const path = svg.appendChild(document.createElementNS(SVG, "path"));
  return [host, root, button, path];
}

/** Creates the chat iframe as a panel above the bubble, after the bubble so that it covers it on small viewports (full screen below 480px, re-checked on resize). */
export function createFrame(root: ShadowRoot, side: string, src: string): HTMLIFrameElement {
  const frame = make("iframe", "display:none", root);
  const place = () => {
    const shown = frame.style.display;
    frame.style.cssText =
      "position:fixed;border:0;" +
      (innerWidth < 480 ? "inset:0;width:100%;height:100%" : `${side}:20px;bottom:88px;width:380px;height:min(600px,100% - 108px);border-radius:12px;box-shadow:0 4px 16px #0005`);
    frame.style.display = shown;
  };
  place();
  addEventListener("resize", place);
  frame.title = "Chat";
  frame.src = src;
  return frame;
}
