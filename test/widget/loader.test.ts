import { afterEach, describe, expect, it, vi } from "vitest";
import { createLocalStorage } from "../../widget/client/local-storage.js";
import { createMemoryStorage, HOST_STATE_KEY } from "../../widget/client/storage.js";
import { createApi } from "../../widget/loader/api.js";
import { DEFAULT_COLOR, hexColor, readConfig } from "../../widget/loader/config.js";
import { readFlag, writeFlag } from "../../widget/loader/flag.js";

const script = (dataset: Record<string, string> = {}) => ({ src: "https://chat.example.com/widget.js?v=3", dataset });

describe("loader configuration", () => {
  it("takes the chat origin from the script's own URL", () => {
    expect(readConfig(script(), "en").origin).toBe("https://chat.example.com");
  });

  it("prefers data-language over the page's html lang", () => {
    expect(readConfig(script({ language: "de" }), "fr").language).toBe("de");
    expect(readConfig(script(), "fr-CA").language).toBe("fr-CA");
  });

  it("reads data-position, data-color and data-open", () => {
    const cfg = readConfig(script({ position: "left", color: "#0a7", open: "true" }), "");
    expect(cfg).toMatchObject({ side: "left", color: "#0a7", openOnLoad: true });
    expect(readConfig(script({ position: "middle", open: "yes" }), "")).toMatchObject({ side: "right", openOnLoad: false });
  });

  it.each(["red", "#12345", "#1234567", "#12g", "#fff;position:static", "url(x)", ""])("falls back to the default colour for %j", (value) => {
    expect(hexColor(value)).toBe(DEFAULT_COLOR);
  });
});

describe("host-page flag", () => {
  it("remembers an open conversation and the panel state, nothing else", () => {
    const storage = createMemoryStorage();
    writeFlag(storage, { conv: true, open: true });
    expect(JSON.parse(storage.get(HOST_STATE_KEY)!)).toEqual({ conv: true, open: true });
    expect(readFlag(storage)).toEqual({ conv: true, open: true });
  });

  it("does not reopen the panel when no chat is going", () => {
    const storage = createMemoryStorage({ [HOST_STATE_KEY]: JSON.stringify({ conv: false, open: true }) });
    expect(readFlag(storage)).toEqual({ conv: false, open: false });
  });

  it("reads a corrupt flag as no chat", () => {
    expect(readFlag(createMemoryStorage({ [HOST_STATE_KEY]: "{oops" }))).toEqual({ conv: false, open: false });
    expect(readFlag(createMemoryStorage({ [HOST_STATE_KEY]: '{"conv":"yes"}' }))).toEqual({ conv: false, open: false });
  });
});

describe("local storage", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("never touches keys outside its allow-list: they read as missing and are not written", () => {
    const backing = new Map<string, string>([["anything", "secret"]]);
    vi.stubGlobal("localStorage", {
      getItem: (key: string) => backing.get(key) ?? null,
      setItem: (key: string, value: string) => void backing.set(key, value),
      removeItem: (key: string) => void backing.delete(key),
    });
    const storage = createLocalStorage([HOST_STATE_KEY]);
    storage.set("parley.visitor", "{}");
    expect(backing.has("parley.visitor")).toBe(false);
    expect(storage.get("anything")).toBeNull();
    storage.remove("anything");
    expect(backing.get("anything")).toBe("secret");
    storage.set(HOST_STATE_KEY, "{}");
    expect(backing.get(HOST_STATE_KEY)).toBe("{}");
  });

  it("reads as empty and drops writes when storage is blocked", () => {
    vi.stubGlobal("localStorage", {
      getItem: () => {
        throw new Error("SecurityError");
      },
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
    });
    const storage = createLocalStorage([HOST_STATE_KEY]);
    expect(() => storage.set(HOST_STATE_KEY, "1")).not.toThrow();
    expect(storage.get(HOST_STATE_KEY)).toBeNull();
  });
});

describe("window.Parley API", () => {
  const methods = () => ({ open: vi.fn(), close: vi.fn(), toggle: vi.fn(), setLanguage: vi.fn(), identify: vi.fn() });

  it("replays the calls a site queued on the stub before the loader ran, in order", () => {
    const m = methods();
    const order: string[] = [];
    m.identify.mockImplementation(() => order.push("identify"));
    m.open.mockImplementation(() => order.push("open"));
    createApi(m, { q: [["identify", { name: "Ada" }], ["open"]] });
    expect(order).toEqual(["identify", "open"]);
    expect(m.identify).toHaveBeenCalledWith({ name: "Ada" });
  });

  it("keeps q.push working after load", () => {
    const m = methods();
    const { api } = createApi(m, undefined);
    api.q.push(["setLanguage", "de"]);
    expect(m.setLanguage).toHaveBeenCalledWith("de");
  });

  it("ignores queued calls that are not API methods", () => {
    const m = methods();
    const { api } = createApi(m, { q: [["constructor"], ["q"], ["__proto__"], "open", [42]] });
    expect(api.v).toBe(1);
    expect(m.open).not.toHaveBeenCalled();
  });

  it("delivers events to listeners, also those queued before load", () => {
    const seen: unknown[] = [];
    const { emit } = createApi(methods(), { q: [["on", "unread", (n: number) => seen.push(n)]] });
    emit("unread", 3);
    emit("open");
    expect(seen).toEqual([3]);
  });

  it("calls a late ready listener at once, and survives a listener that throws", () => {
    const { api, emit } = createApi(methods(), undefined);
    api.on("open", () => {
      throw new Error("site bug");
    });
    emit("ready");
    expect(() => emit("open")).not.toThrow();
    const late = vi.fn();
    api.on("ready", late);
    expect(late).toHaveBeenCalledTimes(1);
  });
});
