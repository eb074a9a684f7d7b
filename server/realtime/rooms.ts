// Room names, built in one place.
export const visitorRoom = (visitorId: string) => `visitor:${visitorId}`;
export const agentRoom = (agentId: string) => `agent:${agentId}`;
/** One signed-in session's sockets (signing out closes them on every node). The id is the session's hash, not its token. */
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
