import { grantableHold } from './hold-rules';

const account = { balanceMillicredits: 10_000, heldMillicredits: 0, overdraftMillicredits: 0 };

describe(grantableHold.name, () => {
  it('grants the whole request when the available credits cover it', () => {
    expect(grantableHold({ ...account, requestedMillicredits: 4_000 })).toBe(4_000);
  });

  it('grants only what is available once other holds reserve part of the balance', () => {
    expect(grantableHold({ ...account, heldMillicredits: 7_000, requestedMillicredits: 4_000 })).toBe(3_000);
  });

  it('lets the overdraft extend what a hold may reserve', () => {
    expect(grantableHold({ ...account, overdraftMillicredits: 2_000, requestedMillicredits: 20_000 })).toBe(
      12_000,
    );
  });

  it('grants nothing, never a negative amount, to an account in deficit', () => {
    expect(grantableHold({ ...account, balanceMillicredits: -500, requestedMillicredits: 1_000 })).toBe(0);
  });

  it("never passes what the hold's list still has free", () => {
    expect(grantableHold({ ...account, requestedMillicredits: 5_000, listFreeMillicredits: 1_500 })).toBe(
      1_500,
    );
    expect(grantableHold({ ...account, requestedMillicredits: 5_000, listFreeMillicredits: -10 })).toBe(0);
  });
});
