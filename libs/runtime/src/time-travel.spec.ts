import { BadRequestException } from '@nestjs/common';
import { resolveAsOf } from './time-travel';

describe(resolveAsOf.name, () => {
  it('means now when no asOf is given, whether or not time travel is enabled', () => {
    expect(resolveAsOf({ asOf: undefined, enabled: false })).toBeUndefined();
    expect(resolveAsOf({ asOf: undefined, enabled: true })).toBeUndefined();
  });

  it('refuses an asOf with a reason when time travel is disabled', () => {
    expect(() => resolveAsOf({ asOf: '2030-01-01T00:00:00Z', enabled: false })).toThrow(BadRequestException);
    expect(() => resolveAsOf({ asOf: '2030-01-01T00:00:00Z', enabled: false })).toThrow(
      /TIME_TRAVEL_ENABLED/,
    );
  });

  it('returns the requested moment when time travel is enabled', () => {
    expect(resolveAsOf({ asOf: '2030-01-01T00:00:00Z', enabled: true })).toEqual(
      new Date('2030-01-01T00:00:00Z'),
    );
  });
});
