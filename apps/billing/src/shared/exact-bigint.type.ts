import { BigIntType } from '@mikro-orm/core';

// bigint columns hold credits and minor units, far below 2^53, so they travel as exact JS numbers.
// A value that a number cannot hold exactly is refused rather than rounded.
export class ExactBigIntType extends BigIntType<'number'> {
  constructor() {
    super('number');
  }

  override convertToJSValue(value: string | bigint | null | undefined): number | null | undefined {
    const n = super.convertToJSValue(value);
    if (n !== null && n !== undefined && !Number.isSafeInteger(n)) {
      throw new Error(`Not an exact integer: ${String(value)}`);
    }
    return n;
  }
}
