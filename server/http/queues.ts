// `GET /api/queues`: per language, who is waiting, who is there, and the expected wait for someone joining now.
import express, { type Router } from "express";
import type { DeskApi } from "../desk/api.js";

export function queuesRouter(desk: DeskApi): Router {
  const router = express.Router();
  router.get("/api/queues", async (_req, res) => {
    res.set("Cache-Control", "public, max-age=5").json(await desk.queues());
  });
  return router;
}
