import { NO_LIST, usageSeries } from './usage-series';

describe(usageSeries.name, () => {
  it('puts each period on one row with a credits column per list', () => {
    const { points, lists } = usageSeries([
      {
        period: '2026-11-02T00:00:00.000Z',
        listId: 'promo',
        messages: 2,
        segments: 2,
        chargedMillicredits: 2_000,
      },
      {
        period: '2026-11-01T00:00:00.000Z',
        listId: null,
        messages: 1,
        segments: 1,
        chargedMillicredits: 1_500,
      },
      {
        period: '2026-11-02T00:00:00.000Z',
        listId: null,
        messages: 1,
        segments: 1,
        chargedMillicredits: 500,
      },
    ]);
    expect(lists).toEqual([NO_LIST, 'promo']);
    expect(points).toEqual([
      { period: '2026-11-01', [NO_LIST]: 1.5 },
      { period: '2026-11-02', promo: 2, [NO_LIST]: 0.5 },
    ]);
  });
});
