import { loadStripeJs } from './load-stripe';
import type { StripeConstructor } from './stripe-js';

// A stand-in for the page's <head>: records the script the loader adds and lets the test fire its
// load or error event the way the browser would.
function fakePage() {
  const scripts: {
    src: string;
    async: boolean;
    dataset: Record<string, string>;
    fire: (e: string) => void;
  }[] = [];
  const host = {
    querySelector: () => (scripts[0] ?? null) as unknown as Element | null,
    createElement: () => {
      const listeners: Record<string, (() => void)[]> = {};
      const script = {
        src: '',
        async: false,
        dataset: {} as Record<string, string>,
        addEventListener: (event: string, listener: () => void) => {
          (listeners[event] ??= []).push(listener);
        },
        fire: (event: string) => listeners[event]?.forEach((listener) => listener()),
      };
      return script as unknown as HTMLScriptElement;
    },
    head: {
      appendChild: (node: HTMLScriptElement) => {
        scripts.push(node as unknown as (typeof scripts)[number]);
        return node;
      },
    },
  };
  return { host, scripts };
}

describe(loadStripeJs.name, () => {
  it('adds one script from the configured address and resolves with Stripe once it has loaded', async () => {
    const { host, scripts } = fakePage();
    const global: { Stripe?: StripeConstructor } = {};
    const loading = loadStripeJs('https://stripe.mirror.example/v3', host, global);
    const again = loadStripeJs('https://stripe.mirror.example/v3', host, global);
    expect(scripts.map((script) => script.src)).toEqual(['https://stripe.mirror.example/v3']);
    const stripe = (() => ({})) as unknown as StripeConstructor;
    global.Stripe = stripe;
    scripts[0]?.fire('load');
    await expect(loading).resolves.toBe(stripe);
    await expect(again).resolves.toBe(stripe);
  });

  it('fails with the address when the script cannot be loaded', async () => {
    const { host, scripts } = fakePage();
    const loading = loadStripeJs('https://js.stripe.com/v3', host, {});
    scripts[0]?.fire('error');
    await expect(loading).rejects.toThrow('Stripe.js could not be loaded from https://js.stripe.com/v3');
  });

  it('adds no script when Stripe is already on the page', async () => {
    const { host, scripts } = fakePage();
    const stripe = (() => ({})) as unknown as StripeConstructor;
    await expect(loadStripeJs('https://js.stripe.com/v3', host, { Stripe: stripe })).resolves.toBe(stripe);
    expect(scripts).toEqual([]);
  });
});
