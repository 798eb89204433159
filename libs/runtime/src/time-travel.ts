import { BadRequestException, Inject, Injectable } from '@nestjs/common';

export const TIME_TRAVEL_ENABLED = Symbol('TIME_TRAVEL_ENABLED');

// Running a job "as of" another moment (expiring lots early, issuing next month's invoices, renewing
// subscriptions ahead of time) is a test and catch-up tool: with it an operator token could move money
// in time. It exists only where TIME_TRAVEL_ENABLED is on, which production refuses at boot.
export function resolveAsOf(options: { asOf: string | undefined; enabled: boolean }): Date | undefined {
  if (options.asOf === undefined) {
    return undefined;
  }
  if (!options.enabled) {
    throw new BadRequestException(
      'asOf is refused: running as of another moment is disabled on this service (TIME_TRAVEL_ENABLED is off, as it always is in production)',
    );
  }
  return new Date(options.asOf);
}

@Injectable()
export class TimeTravel {
  constructor(@Inject(TIME_TRAVEL_ENABLED) private readonly enabled: boolean) {}

  // The moment a job should believe it is: undefined means "now" (the caller's clock).
  requested(asOf: string | undefined): Date | undefined {
    return resolveAsOf({ asOf, enabled: this.enabled });
  }
}
