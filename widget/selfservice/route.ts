// Which self-service page a path is.

/** A page of the self-service bundle. */
export type Route = { page: "ticket" } | { page: "thread"; token: string } | { page: "feedback" } | { page: "verify" } | { page: "unknown" };

/** The page for `location.pathname` (a trailing slash is ignored). */
export function routeOf(pathname: string): Route {
  const path = pathname.replace(/\/+$/, "") || "/";
  if (path === "/support/new") return { page: "ticket" };
  if (path === "/feedback") return { page: "feedback" };
  if (path === "/verify") return { page: "verify" };
  const thread = /^\/support\/t\/([A-Za-z0-9_-]{16,256})$/.exec(path);
  return thread ? { page: "thread", token: thread[1]! } : { page: "unknown" };
}
