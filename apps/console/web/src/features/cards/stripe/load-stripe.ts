import type { StripeConstructor } from './stripe-js';

interface ScriptHost {
  querySelector(selector: string): Element | null;
  createElement(tag: 'script'): HTMLScriptElement;
  head: { appendChild(node: HTMLScriptElement): unknown };
}

// Stripe.js from the configured address, added to the page once and only when a card is to be
// entered with Stripe: pages that never need it never load a third-party script.
export function loadStripeJs(
  url: string,
  host: ScriptHost = document,
  global: { Stripe?: StripeConstructor } = window as unknown as { Stripe?: StripeConstructor },
): Promise<StripeConstructor> {
  if (global.Stripe !== undefined) {
    return Promise.resolve(global.Stripe);
  }
  return new Promise((resolve, reject) => {
    const existing = host.querySelector(`script[data-stripe-js]`) as HTMLScriptElement | null;
    const script = existing ?? host.createElement('script');
    const loaded = () =>
      global.Stripe === undefined
        ? reject(new Error(`${url} loaded but did not define Stripe`))
        : resolve(global.Stripe);
    script.addEventListener('load', loaded, { once: true });
    script.addEventListener('error', () => reject(new Error(`Stripe.js could not be loaded from ${url}`)), {
      once: true,
    });
    if (existing === null) {
      script.src = url;
      script.async = true;
      script.dataset.stripeJs = '';
      host.head.appendChild(script);
    }
  });
}
