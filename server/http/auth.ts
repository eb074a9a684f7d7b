// Agent sign-in: scrypt password check, httpOnly SameSite cookie, brute-force limits (server/http/login-limits.ts)
// that a stranger's failed guesses cannot turn into a lockout of the owner.
import express, { type Router } from "express";
import { DEVICE_COOKIE, DEVICE_TTL_MS, deviceToken, isKnownDevice } from "../auth/device.js";
import { verifyPassword } from "../auth/password.js";
import { readCookie, SESSION_COOKIE, sessionIdOf, type Sessions } from "../auth/session.js";
import type { Config } from "../config.js";
import type { DeskApi } from "../desk/api.js";
import { agentSelfView } from "../desk/views.js";
import { loginSchema } from "../protocol/schemas.js";
import type { Store } from "../store/port.js";
import { sendError } from "./errors.js";
import { createLoginLimits } from "./login-limits.js";
import { zodIssues } from "./validation.js";
import { clientKey } from "./client-address.js";

// A hash of a random password: unknown emails cost as much as wrong passwords (no timing oracle).
const DUMMY_HASH = "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==";

export function authRouter(config: Config, store: Store, sessions: Sessions, desk: DeskApi, dropSession: (sessionId: string) => void): Router {
  const router = express.Router();
  const limits = createLoginLimits();
  const secure = config.secureCookies ? "; Secure" : "";
  const cookie = (value: string, maxAgeS: number) => `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeS}${secure}`;
  // Only the sign-in endpoint reads the device cookie.
  const deviceCookie = (value: string) => `${DEVICE_COOKIE}=${value}; Path=/api/auth; HttpOnly; SameSite=Strict; Max-Age=${DEVICE_TTL_MS / 1000}${secure}`;
  const statusOf = (id: string) => desk.statusOf(id);

  router.post("/api/auth/login", async (req, res) => {
    const parsed = loginSchema.safeParse(req.body);
    if (!parsed.success) return sendError(res, 400, "invalid_payload", "Enter an email and a password", zodIssues(parsed.error));
    const email = parsed.data.email.toLowerCase();
    const agent = await store.agents.getByEmail(email);
    const attempt = { address: clientKey(req, config.network.trustProxy), email, knownDevice: isKnownDevice(readCookie(req.headers.cookie, DEVICE_COOKIE), agent, Date.now()) };
    if (!limits.admit(attempt)) {
      return sendError(res, 429, "rate_limited", "Too many sign-in attempts; wait a few minutes, or sign in from a device you used before");
    }
    const valid = await verifyPassword(parsed.data.password, agent?.passwordHash ?? DUMMY_HASH);
    if (!agent || !valid) return sendError(res, 401, "unauthorized", "Wrong email or password");
    // Said only after the right password, so it tells nothing to someone guessing.
    if (agent.disabled) return sendError(res, 403, "forbidden", "This account is disabled; ask an admin to enable it");
    limits.succeeded(attempt);
    const session = await sessions.create(agent);
    // The session cookie first: clients that read one Set-Cookie value read that one.
    res.set("Set-Cookie", [cookie(session.token, Math.floor(config.sessionTtlMs / 1000)), deviceCookie(deviceToken(agent, Date.now()))]);
    res.json({ agent: agentSelfView(agent, await statusOf(agent.id)) });
  });

  router.get("/api/auth/me", async (req, res) => {
    const agent = await sessions.resolve(readCookie(req.headers.cookie, SESSION_COOKIE));
    if (!agent) return sendError(res, 401, "unauthorized", "Not signed in");
    res.json({ agent: agentSelfView(agent, await statusOf(agent.id)) });
  });

  router.post("/api/auth/logout", async (req, res) => {
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (token) {
      await sessions.destroy(token);
      // The sockets opened with this session end with it.
      dropSession(sessionIdOf(token));
    }
    res.set("Set-Cookie", cookie("", 0)).json({ ok: true });
  });
  return router;
}
