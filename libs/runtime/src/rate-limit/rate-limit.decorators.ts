import { SetMetadata } from '@nestjs/common';

export const ROUTE_COST = 'rate-limit:route-cost';
export type RouteCost = 'expensive' | 'sign-in';

// A route that costs the service far more than a read (exports, aggregates over a whole history,
// rendering): on top of the per-client limits, each caller may use it only a few times per window.
export const ExpensiveRoute = (): MethodDecorator & ClassDecorator => SetMetadata(ROUTE_COST, 'expensive');

// A route that checks a secret (sign-in, token, password reset): limited per client address and route
// before any token exists, so guessing passwords is slow.
export const SignInRoute = (): MethodDecorator & ClassDecorator => SetMetadata(ROUTE_COST, 'sign-in');
