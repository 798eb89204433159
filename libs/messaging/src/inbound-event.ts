export interface InboundEvent<T> {
  readonly payload: T;
  readonly key: string | null;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly timestamp: string;
}

export interface Rejection {
  readonly event: InboundEvent<unknown>;
  readonly reason: string;
}

// A batch handler may reject single events (an unknown account, say) while committing the rest in
// the same transaction; rejected events go to the dead-letter topic.
export interface BatchOutcome {
  readonly rejected?: readonly Rejection[];
}

export type BatchHandlerFn<T> = (events: InboundEvent<T>[]) => Promise<BatchOutcome | void>;
