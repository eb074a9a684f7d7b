import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../server/config.js";

const noFile = (path: string): string => {
  throw new Error(`ENOENT: no such file ${path}`);
};

describe("configuration", () => {
  it("has working defaults", () => {
    const config = loadConfig({}, noFile);
    expect(config).toMatchObject({ port: 3000, agentGraceMs: 30_000, defaultMaxChats: 3, maxMessageLength: 4000, peakThresholdS: 120, smtpUrl: null });
    expect(config.languages).toEqual(["en", "de", "es", "fr", "pt", "ru", "tr", "zh", "ja", "ko", "vi", "ar"]);
    expect(config.fallbacks).toMatchObject({ en: null, de: "en", ar: "en" });
    expect(config.ticketCategories).toEqual(["Account", "Deposit", "Withdrawal", "Trading", "Verification", "Other"]);
    expect(config.officialChannels).toContain("telegram");
  });

  it("emails answers to customers who left after 60 s with 7-day links by default, and reads or refuses other values", () => {
    expect(loadConfig({}, noFile)).toMatchObject({ offlineReplyEmailMs: 60_000, chatLinkTtlMs: 168 * 3_600_000 });
    expect(loadConfig({ OFFLINE_REPLY_EMAIL_SECONDS: "0", CHAT_LINK_HOURS: "24" }, noFile)).toMatchObject({ offlineReplyEmailMs: 0, chatLinkTtlMs: 86_400_000 });
    expect(() => loadConfig({ OFFLINE_REPLY_EMAIL_SECONDS: "-1" }, noFile)).toThrow(/OFFLINE_REPLY_EMAIL_SECONDS/);
    expect(() => loadConfig({ CHAT_LINK_HOURS: "soon" }, noFile)).toThrow(/CHAT_LINK_HOURS/);
  });

  it("reads fallbacks, peak windows and help links", () => {
    const file = JSON.stringify({ helpLinks: { de: [{ title: "Hilfe", url: "https://help.example/de" }] } });
    const config = loadConfig(
      { LANGUAGES: "en,de,pt,es", LANGUAGE_FALLBACKS: "pt=es,de=none", PEAK_WINDOWS: "Mon-Fri 12:00-14:00; Sat 10:00-12:00", PEAK_TIMEZONE: "Europe/Berlin", CONFIG_FILE: "/etc/parley.json" },
      () => file,
    );
    expect(config.fallbacks).toEqual({ en: null, de: null, pt: "es", es: "en" });
    expect(config.peakWindows.shifts).toHaveLength(2);
    expect(config.helpLinks).toEqual({ de: [{ title: "Hilfe", url: "https://help.example/de" }] });
  });

  it.each([
    [{ PORT: "eighty" }, /PORT must be a whole number/],
    [{ PORT: "70000" }, /PORT must be between 0 and 65535/],
    [{ PUBLIC_URL: "ftp://x" }, /PUBLIC_URL must use http or https/],
    [{ LOG_LEVEL: "loud" }, /LOG_LEVEL must be one of/],
    [{ LANGUAGES: "en,xx" }, /LANGUAGES: unknown language "xx"/],
    [{ AGENT_GRACE_SECONDS: "-1" }, /AGENT_GRACE_SECONDS must be a number between 0 and 86400/],
    [{ LANGUAGES: "en,de", LANGUAGE_FALLBACKS: "fr=en" }, /LANGUAGE_FALLBACKS: "fr=en" names a language that is not in LANGUAGES/],
    [{ LANGUAGES: "en,de", LANGUAGE_FALLBACKS: "de=de" }, /LANGUAGE_FALLBACKS: "de=de" must be like de=en/],
    [{ PEAK_WINDOWS: "lunchtime" }, /PEAK_WINDOWS: "lunchtime" is not a shift/],
    [{ PEAK_TIMEZONE: "Mars/Olympus" }, /PEAK_TIMEZONE: unknown time zone/],
    [{ SMTP_URL: "mail.example.com" }, /SMTP_URL must look like smtp:\/\//],
    [{ MAIL_FROM: "a@b.c\r\nBcc: x@y.z" }, /MAIL_FROM must be one line/],
    [{ ATTACHMENT_MAX_FILES: "50" }, /ATTACHMENT_MAX_FILES must be between 0 and 20/],
    [{ OFFICIAL_CHANNELS_EXTRA: "<script>" }, /OFFICIAL_CHANNELS_EXTRA: "<script>" is not a channel name/],
    [{ ROUTING_POLICY: "random" }, /ROUTING_POLICY must be least-loaded or scarcity/],
    // Booleans are true or false: anything else is refused, not read as false (an https site without Secure cookies).
    [{ SECURE_COOKIES: "1" }, /SECURE_COOKIES must be true or false, got "1"/],
    [{ SECURE_COOKIES: "yes" }, /SECURE_COOKIES must be true or false/],
    [{ SERVE_SOURCE_MAPS: "on" }, /SERVE_SOURCE_MAPS must be true or false/],
    // Numbers are decimal: Number() would read hex, binary and exponents.
    [{ AGENT_GRACE_SECONDS: "0x1e" }, /AGENT_GRACE_SECONDS must be a number between 0 and 86400, got "0x1e"/],
    [{ OFFLINE_REPLY_EMAIL_SECONDS: "1e2" }, /OFFLINE_REPLY_EMAIL_SECONDS must be a number/],
    [{ SHUTDOWN_GRACE_SECONDS: "0b11" }, /SHUTDOWN_GRACE_SECONDS must be a number/],
    // An origin, not a URL with a path that would be dropped from every link.
    [{ PUBLIC_URL: "https://example.com/support" }, /PUBLIC_URL must be an origin .* got "https:\/\/example.com\/support"/],
    [{ PUBLIC_URL: "https://user:pw@example.com" }, /PUBLIC_URL must be an origin/],
    [{ EMBED_ORIGINS: "https://shop.example/cart" }, /EMBED_ORIGINS must be an origin/],
    [{ LANGUAGES: "en,de", LANGUAGE_FALLBACKS: "de=" }, /LANGUAGE_FALLBACKS: "de=" must be like de=en or de=none/],
    [{ LANGUAGES: "en,de,fr", LANGUAGE_FALLBACKS: "de=en=fr" }, /LANGUAGE_FALLBACKS: "de=en=fr" must be like de=en or de=none/],
    [{ HOST: "0.0.0.0; rm -rf /" }, /HOST must be an IP address or a host name/],
  ])("refuses %j naming the variable", (env, message) => {
    expect(() => loadConfig(env, noFile)).toThrow(ConfigError);
    expect(() => loadConfig(env, noFile)).toThrow(message);
  });

  it.each([
    ["not JSON", "{nope", /CONFIG_FILE \/c.json: .*JSON/],
    ["a javascript: link", JSON.stringify({ helpLinks: { en: [{ title: "x", url: "javascript:alert(1)" }] } }), /helpLinks\.en\.0\.url/],
    ["links for a language not offered", JSON.stringify({ helpLinks: { ja: [{ title: "x", url: "https://x.example" }] } }), /helpLinks\.ja: not one of LANGUAGES/],
  ])("refuses a CONFIG_FILE with %s, naming the field", (_title, content, message) => {
    expect(() => loadConfig({ LANGUAGES: "en,de", CONFIG_FILE: "/c.json" }, () => content)).toThrow(message);
  });

  it("refuses a CONFIG_FILE with a misspelt key instead of leaving the setting out", () => {
    expect(() => loadConfig({ CONFIG_FILE: "/c.json" }, () => JSON.stringify({ helplinks: { en: [] } }))).toThrow(/CONFIG_FILE \/c.json: .*helplinks/);
    const titel = JSON.stringify({ helpLinks: { en: [{ titel: "Help", title: "Help", url: "https://help.example" }] } });
    expect(() => loadConfig({ CONFIG_FILE: "/c.json" }, () => titel)).toThrow(/helpLinks\.en\.0: .*titel/);
  });

  it("reads true and false in any case, and a blank number, flag or origin as unset", () => {
    expect(loadConfig({ SECURE_COOKIES: "FALSE", PUBLIC_URL: "https://example.com" }, noFile).secureCookies).toBe(false);
    expect(loadConfig({ SECURE_COOKIES: " True " }, noFile).secureCookies).toBe(true);
    expect(loadConfig({ SECURE_COOKIES: " ", PUBLIC_URL: "https://example.com/" }, noFile)).toMatchObject({ secureCookies: true, publicUrl: "https://example.com" });
    expect(loadConfig({ SERVE_SOURCE_MAPS: "TRUE" }, noFile).serveSourceMaps).toBe(true);
    // Only spaces is unset, not 0 (which would switch offline emails off).
    expect(loadConfig({ OFFLINE_REPLY_EMAIL_SECONDS: " ", AGENT_GRACE_SECONDS: " ", PORT: " " }, noFile)).toMatchObject({ offlineReplyEmailMs: 60_000, agentGraceMs: 30_000, port: 3000 });
    expect(loadConfig({ AGENT_GRACE_SECONDS: "2.5", SHUTDOWN_GRACE_SECONDS: ".5" }, noFile)).toMatchObject({ agentGraceMs: 2500, network: { shutdownGraceMs: 500 } });
    expect(loadConfig({ LANGUAGES: " " }, noFile).languages).toHaveLength(12);
    expect(() => loadConfig({ LANGUAGES: "," }, noFile)).toThrow(/LANGUAGES must list at least one language/);
    expect(loadConfig({ HOST: "::1" }, noFile).host).toBe("::1");
    expect(loadConfig({ HOST: "parley-1.internal" }, noFile).host).toBe("parley-1.internal");
  });

  it("names a CONFIG_FILE it cannot read", () => {
    expect(() => loadConfig({ CONFIG_FILE: "/missing.json" }, noFile)).toThrow(/CONFIG_FILE \/missing.json: ENOENT/);
  });

  it("reads the cluster lifetimes in seconds, with defaults, and refuses values out of bounds or in the wrong relation", () => {
    expect(loadConfig({}, noFile).cluster).toEqual({ leaseMs: 5000, nodeTtlMs: 10_000, rpcTimeoutMs: 5000 });
    expect(loadConfig({ CLUSTER_DESK_LEASE_SECONDS: "2.5", CLUSTER_NODE_TTL_SECONDS: "30", CLUSTER_DESK_CALL_TIMEOUT_SECONDS: "0.5" }, noFile).cluster).toEqual({
      leaseMs: 2500,
      nodeTtlMs: 30_000,
      rpcTimeoutMs: 500,
    });
    for (const [env, message] of [
      [{ CLUSTER_DESK_LEASE_SECONDS: "0.5" }, /CLUSTER_DESK_LEASE_SECONDS must be a number between 1 and 120, got "0.5"/],
      [{ CLUSTER_DESK_LEASE_SECONDS: "5s" }, /CLUSTER_DESK_LEASE_SECONDS must be a number between 1 and 120, got "5s"/],
      [{ CLUSTER_NODE_TTL_SECONDS: "0" }, /CLUSTER_NODE_TTL_SECONDS must be a number between 1 and 600, got "0"/],
      [{ CLUSTER_NODE_TTL_SECONDS: "ten" }, /CLUSTER_NODE_TTL_SECONDS must be a number/],
      [{ CLUSTER_DESK_CALL_TIMEOUT_SECONDS: "-1" }, /CLUSTER_DESK_CALL_TIMEOUT_SECONDS must be a number between 0.1 and 10/],
      [{ CLUSTER_DESK_CALL_TIMEOUT_SECONDS: "30" }, /CLUSTER_DESK_CALL_TIMEOUT_SECONDS must be a number between 0.1 and 10, got "30"/],
      [{ CLUSTER_DESK_CALL_TIMEOUT_SECONDS: "10" }, /CLUSTER_DESK_CALL_TIMEOUT_SECONDS must be shorter than the 10 s the widget and the console wait for an answer/],
    ] as const) {
      expect(() => loadConfig(env, noFile)).toThrow(ConfigError);
      expect(() => loadConfig(env, noFile)).toThrow(message);
    }
  });

  it("reads the network settings, with defaults, and refuses inconsistent ones", () => {
    expect(loadConfig({}, noFile).network).toEqual({
      trustProxy: [],
      maxConnectionsPerAddress: 64,
      headersTimeoutMs: 20_000,
      requestTimeoutMs: 300_000,
      keepAliveTimeoutMs: 5_000,
      uploadIdleMs: 30_000,
      shutdownGraceMs: 10_000,
      metricsToken: null,
      pingIntervalMs: 25_000,
      pingTimeoutMs: 20_000,
      socketMaxBufferBytes: 8 * 1024 * 1024,
    });
    expect(loadConfig({ SHUTDOWN_GRACE_SECONDS: "2.5", METRICS_TOKEN: "0123456789abcdef" }, noFile).network).toMatchObject({ shutdownGraceMs: 2500, metricsToken: "0123456789abcdef" });
    expect(loadConfig({ PING_INTERVAL_SECONDS: "5", PING_TIMEOUT_SECONDS: "3", SOCKET_MAX_BUFFER_MB: "0.5" }, noFile).network).toMatchObject({ pingIntervalMs: 5000, pingTimeoutMs: 3000, socketMaxBufferBytes: 524_288 });
    expect(() => loadConfig({ HEADERS_TIMEOUT_SECONDS: "60", REQUEST_TIMEOUT_SECONDS: "30" }, noFile)).toThrow(/HEADERS_TIMEOUT_SECONDS must not be longer than REQUEST_TIMEOUT_SECONDS/);
    expect(() => loadConfig({ METRICS_TOKEN: "short" }, noFile)).toThrow(/METRICS_TOKEN must be at least 16 characters/);
    expect(() => loadConfig({ MAX_CONNECTIONS_PER_ADDRESS: "0" }, noFile)).toThrow(/MAX_CONNECTIONS_PER_ADDRESS/);
  });
});
