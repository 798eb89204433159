import type { Principal } from './principal';

// Kept structural rather than importing express types so the lib does not depend on one HTTP adapter.
export interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  params?: Record<string, string | undefined>;
  principal?: Principal;
}
