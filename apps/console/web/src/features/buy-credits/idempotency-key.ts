// One key per purchase the person is making: a double click, a retry after a timeout or a second
// tab submit with the same key, and billing answers with the first order instead of a second one.
export function newIdempotencyKey(): string {
  return `console:${crypto.randomUUID()}`;
}
