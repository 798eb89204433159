import { adjustmentProblem, parseCreditsInput } from './credits-input';

describe(parseCreditsInput.name, () => {
  it('reads whole and fractional credits as exact millicredits, with a sign and thousands separators', () => {
    expect(parseCreditsInput('250')).toEqual({ ok: true, millicredits: 250_000 });
    expect(parseCreditsInput('-12.5')).toEqual({ ok: true, millicredits: -12_500 });
    expect(parseCreditsInput(' 1,000.125 ')).toEqual({ ok: true, millicredits: 1_000_125 });
    expect(parseCreditsInput('0.001')).toEqual({ ok: true, millicredits: 1 });
  });

  it('refuses text, more than three decimals and amounts beyond exact integers', () => {
    expect(parseCreditsInput('ten')).toMatchObject({ ok: false });
    expect(parseCreditsInput('1.0001')).toMatchObject({ ok: false });
    expect(parseCreditsInput('')).toMatchObject({ ok: false });
    expect(parseCreditsInput('99999999999999999')).toMatchObject({ ok: false });
  });
});

describe(adjustmentProblem.name, () => {
  it('lets goodwill only add, a correction go either way, and neither go without a reason', () => {
    expect(
      adjustmentProblem({ kind: 'goodwill', millicredits: 5000, reason: 'Outage on 3 March' }),
    ).toBeNull();
    expect(adjustmentProblem({ kind: 'goodwill', millicredits: -5000, reason: 'x' })).toMatch(/only adds/);
    expect(adjustmentProblem({ kind: 'correction', millicredits: -5000, reason: 'Double grant' })).toBeNull();
    expect(adjustmentProblem({ kind: 'correction', millicredits: 5000, reason: '  ' })).toMatch(/reason/);
    expect(adjustmentProblem({ kind: 'correction', millicredits: 0, reason: 'x' })).toMatch(/zero/);
  });
});
