import { afterEach, describe, expect, it, vi } from "vitest";
import { createLocalStorage } from "../../widget/client/local-storage.js";
import { HOST_STATE_KEY } from "../../widget/client/storage.js";
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

  it("takes the admins' look written into the loader when the tag has no valid data-color / data-position", () => {
    expect(readConfig(script(), "", "#aa3300 left")).toMatchObject({ color: "#aa3300", side: "left", ink: "#fff" });
    expect(readConfig(script({ color: "red", position: "middle" }), "", "#aa3300 left")).toMatchObject({ color: "#aa3300", side: "left" });
  });

  it("lets the tag's data-color and data-position win over the admins' look", () => {
    expect(readConfig(script({ color: "#0a7", position: "right" }), "", "#aa3300 left")).toMatchObject({ color: "#0a7", side: "right" });
  });

  it("takes the panel module's path from what the server wrote", () => {
    expect(readConfig(script(), "", "#aa3300 left /assets/panel-AB12.js").panel).toBe("/assets/panel-AB12.js");
  });

  it("reads the unrendered marker (the file not served by Parley) as the defaults", () => {
    expect(readConfig(script(), "")).toMatchObject({ color: DEFAULT_COLOR, side: "right" });
    expect(readConfig(script(), "", "#zzz left;x")).toMatchObject({ color: DEFAULT_COLOR, side: "right" });
  });

  it.each(["red", "#12345", "#1234567", "#12g", "#fff;position:static", "url(x)", ""])("falls back to the default colour for %j", (value) => {
    expect(hexColor(value)).toBe(DEFAULT_COLOR);
  });
});

describe("host-page flag", () => {
  afterEach(() => vi.unstubAllGlobals());
  /** A localStorage over a Map (node has none). */
  const fakeStorage = (initial: Record<string, string> = {}) => {
    const backing = new Map(Object.entries(initial));
    vi.stubGlobal("localStorage", { getItem: (k: string) => backing.get(k) ?? null, setItem: (k: string, v: string) => void backing.set(k, v) });
    return backing;
  };

  it("remembers an open conversation and the panel state, nothing else", () => {
    const backing = fakeStorage();
    writeFlag({ conv: true, open: true });
    expect([...backing.keys()]).toEqual([HOST_STATE_KEY]);
    expect(JSON.parse(backing.get(HOST_STATE_KEY)!)).toEqual({ conv: true, open: true });
    expect(readFlag()).toEqual({ conv: true, open: true });
  });

  it("does not reopen the panel when no chat is going", () => {
    fakeStorage({ [HOST_STATE_KEY]: JSON.stringify({ conv: false, open: true }) });
    expect(readFlag()).toEqual({ conv: false, open: false });
  });

  it("reads a missing or corrupt flag as no chat", () => {
    fakeStorage();
    expect(readFlag()).toEqual({ conv: false, open: false });
    fakeStorage({ [HOST_STATE_KEY]: "{oops" });
    expect(readFlag()).toEqual({ conv: false, open: false });
    fakeStorage({ [HOST_STATE_KEY]: '{"conv":"yes"}' });
    expect(readFlag()).toEqual({ conv: false, open: false });
  });

  it("reads as no chat and drops the write when storage is blocked", () => {
    vi.stubGlobal("localStorage", {
      getItem: () => {
        throw new Error("SecurityError");
      },
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
    });
    expect(readFlag()).toEqual({ conv: false, open: false });
    expect(() => writeFlag({ conv: true, open: false })).not.toThrow();
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
