import { EventEmitter } from 'node:events';
import type { EventName, EventPayloads } from '../../shared/contract';

export type EventListener = <E extends EventName>(event: E, payload: EventPayloads[E]) => void;

/** Server → UI events; each transport subscribes once and forwards to its clients. */
export class EventBus {
  private emitter = new EventEmitter();
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void {
    this.emitter.emit('event', event, payload);
  }
  subscribe(listener: EventListener): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
