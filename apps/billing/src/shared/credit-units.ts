import { applyDecorators } from '@nestjs/common';
import { IsDivisibleBy, IsInt, Max, Min } from 'class-validator';
import { CREDIT_SCALE } from '@sms/contracts';

// The APIs and events speak millicredits (1 credit = 1000); billing sells, prices and stores whole
// credits. These convert at the edge, exactly: a request amount is checked to be whole credits first.
export function toMillicredits(credits: number): number {
  return credits * CREDIT_SCALE;
}

export function toWholeCredits(millicredits: number): number {
  if (!Number.isSafeInteger(millicredits) || millicredits % CREDIT_SCALE !== 0) {
    throw new RangeError(`${millicredits} millicredits is not a whole number of credits`);
  }
  return millicredits / CREDIT_SCALE;
}

// A request field in millicredits that must be whole credits (a purchase, a threshold people set).
export function WholeCreditsInMillicredits(options: { min: number }): PropertyDecorator {
  return applyDecorators(
    IsInt(),
    Min(options.min),
    Max(1e15),
    IsDivisibleBy(CREDIT_SCALE, {
      message: '$property must be whole credits: a multiple of 1000 millicredits',
    }),
  );
}
