export { type Backoff, backoffDelayMs } from './backoff';
