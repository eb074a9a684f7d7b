import { describe, expect, it } from "vitest";
import { conversation } from "../store/fixtures.js";
import { useTestServer } from "../helpers/server.js";
import { call, roleCookies, signedIn } from "./helpers.js";

const server = useTestServer();

describe("/api/reports", () => {
  it("is for supervisors and admins (agents 403, anonymous 401)", async () => {
    const cookies = await roleCookies(server());
    expect((await call(server(), "GET", "/api/reports")).status).toBe(401);
    expect((await call(server(), "GET", "/api/reports", cookies.agent)).status).toBe(403);
    expect((await call(server(), "GET", "/api/reports", cookies.supervisor)).status).toBe(200);
    expect((await call(server(), "GET", "/api/reports", cookies.admin)).status).toBe(200);
  });

  it("counts today's conversations: answered within 60 s, waits, abandonment and ratings", async () => {
    const { cookie } = await signedIn(server(), "supervisor");
    const now = Date.now();
    const store = server().store;
    await store.conversations.create(conversation({ id: "c_fast", visitorId: "v1", createdAt: now - 600_000, assignedAt: now - 590_000, status: "closed", closedAt: now - 290_000, closedBy: "agent", rating: { score: 5, comment: null, at: now } }));
    await store.conversations.create(conversation({ id: "c_slow", visitorId: "v2", createdAt: now - 500_000, assignedAt: now - 380_000, status: "closed", closedAt: now - 200_000, closedBy: "visitor", rating: { score: 2, comment: null, at: now } }));
    await store.conversations.create(conversation({ id: "c_left", visitorId: "v3", createdAt: now - 400_000, assignedAt: null, status: "closed", closedAt: now - 300_000, closedBy: "visitor" }));
    await store.conversations.create(conversation({ id: "c_old", visitorId: "v4", createdAt: now - 9 * 86_400_000, assignedAt: now - 9 * 86_400_000, status: "closed", closedAt: now - 9 * 86_400_000, closedBy: "agent" }));
    const { status, body } = await call(server(), "GET", "/api/reports?period=week&timeZone=UTC", cookie);
    expect(status).toBe(200);
    expect(body).toMatchObject({ period: "week", timeZone: "UTC", conversations: 3, answered: 2, answeredWithin60s: 1, abandoned: 1, meanWaitS: 65, p90WaitS: 120, meanHandleS: 240, abandonmentRate: 0.333, ratings: [0, 1, 0, 0, 1] });
    expect(body.byHour).toHaveLength(24);
  });

  it.each([["period=month", "period"], ["timeZone=Mars/Base", "timeZone"], ["period=today&period=week", "period"]])("refuses %s with a typed 400", async (q, path) => {
    const { cookie } = await signedIn(server(), "admin");
    const res = await call(server(), "GET", `/api/reports?${q}`, cookie);
    expect(res.status).toBe(400);
    expect(res.body.issues.map((i: { path: string }) => i.path)).toContain(path);
  });
});
