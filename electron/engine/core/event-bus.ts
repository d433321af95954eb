/**
 * The engine's push channel. Capabilities emit typed events; adapters subscribe to all
 * of them at once and forward them over IPC or WebSocket without knowing their names.
 */
import type { EventName, Events } from '../../../shared/events';

type Listener<E extends EventName> = (payload: Events[E]) => void;
type AnyListener = <E extends EventName>(event: E, payload: Events[E]) => void;

export class EventBus {
  private readonly listeners = new Map<EventName, Set<Listener<EventName>>>();
  private readonly anyListeners = new Set<AnyListener>();

  on<E extends EventName>(event: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as Listener<EventName>);
    return () => set.delete(listener as Listener<EventName>);
  }

  onAny(listener: AnyListener): () => void {
    this.anyListeners.add(listener);
    return () => this.anyListeners.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: Events[E]): void {
    // A failing listener (a closed socket, say) must not stop the others or the job.
    for (const listener of this.listeners.get(event) ?? []) safely(() => listener(payload));
    for (const listener of this.anyListeners) safely(() => listener(event, payload));
  }
}

function safely(fn: () => void): void {
  try {
    fn();
  } catch (error) {
    console.error('Event listener failed:', error);
  }
}
