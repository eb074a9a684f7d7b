// A typed event emitter in the style of mitt: a factory over an event map, no classes, no wildcard.

/** Maps event names to the payload their handlers receive. */
export type EventMap = Record<string, unknown>;

/** A handler for one event. */
export type Handler<T> = (payload: T) => void;

/** Subscribe with `on` (returns the unsubscribe function), publish with `emit`. */
export interface Emitter<E extends EventMap> {
  on<K extends keyof E>(type: K, handler: Handler<E[K]>): () => void;
  off<K extends keyof E>(type: K, handler: Handler<E[K]>): void;
  emit<K extends keyof E>(type: K, payload: E[K]): void;
}

/** Creates an emitter; a handler that throws does not stop the others. */
export function createEmitter<E extends EventMap>(): Emitter<E> {
  const handlers = new Map<keyof E, Set<Handler<never>>>();
  const off = <K extends keyof E>(type: K, handler: Handler<E[K]>): void => {
    handlers.get(type)?.delete(handler as Handler<never>);
  };
  return {
    on(type, handler) {
      let set = handlers.get(type);
      if (!set) handlers.set(type, (set = new Set()));
      set.add(handler as Handler<never>);
      return () => off(type, handler);
    },
    off,
    emit(type, payload) {
      for (const handler of [...(handlers.get(type) ?? [])]) {
        try {
          (handler as Handler<E[typeof type]>)(payload);
        } catch (error) {
          queueMicrotask(() => {
            throw error;
          });
        }
      }
    },
  };
}
