import { contentSecurityPolicy } from './security-headers';

describe(contentSecurityPolicy.name, () => {
  it("allows scripts and frames from Stripe.js's configured origin and nothing else outside the console", () => {
    const policy = contentSecurityPolicy({ stripeJsUrl: 'https://stripe.mirror.example/v3' });
    expect(policy).toContain("script-src 'self' https://stripe.mirror.example;");
    expect(policy).toContain('frame-src https://stripe.mirror.example;');
    expect(policy).toContain("connect-src 'self' https://api.stripe.com;");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain('js.stripe.com');
  });
});
