// Time as the services see it: expiries, due dates, event timestamps, "which day is it" for jobs.
// Injected so a test (or an operator's asOf) decides the moment instead of the wall clock.
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('CLOCK');

export const systemClock: Clock = { now: () => new Date() };
