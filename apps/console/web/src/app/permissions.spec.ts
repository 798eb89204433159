import { can } from './permissions';

describe(can.name, () => {
  it('lets owners, admins and billing staff buy, and nobody else', () => {
    expect(can('owner', 'buy')).toBe(true);
    expect(can('billing', 'buy')).toBe(true);
    expect(can('member', 'buy')).toBe(false);
    expect(can('gateway', 'buy')).toBe(false);
  });

  it('keeps the operator tools for operators', () => {
    expect(can('operator', 'operate')).toBe(true);
    expect(can('owner', 'operate')).toBe(false);
  });
});
