// `GET /api/queues`: per language, who is waiting, who is there, and the expected wait for someone joining now.
import express, { type Router } from "express";
import type { Desk } from "../desk/desk.js";

export function queuesRouter(desk: Desk): Router {
  const router = express.Router();
  router.get("/api/queues", (_req, res) => {
    res.set("Cache-Control", "public, max-age=5").json(desk.queues());
  });
  return router;
}
