// Time as the jobs see it. Tests replace it (or pass asOf to an operator endpoint) to control days.
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('CLOCK');

export const systemClock: Clock = { now: () => new Date() };
