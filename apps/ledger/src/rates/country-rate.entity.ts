import { BigIntType, EntitySchema } from '@mikro-orm/core';

// One row of the rate card: millicredits per segment to one country ('ZZ': every other country).
export class CountryRate {
  country!: string;
  millicreditsPerSegment!: number;
}

export const CountryRateSchema = new EntitySchema<CountryRate>({
  class: CountryRate,
  tableName: 'rate_card',
  properties: {
    country: { type: 'string', primary: true },
    millicreditsPerSegment: { type: new BigIntType('number') },
  },
});
