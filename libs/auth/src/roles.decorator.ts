import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

import type { Role } from './role';

export const ROLES_KEY = 'auth:roles';

// The OpenAPI extension that carries a route's roles, so the published document says who may call it.
export const ROLES_EXTENSION = 'x-roles';

// Who may call a route. Every route must say it, on the handler or on its controller (a handler's
// own list replaces the controller's): the guard refuses a route that declares none.
export function Roles(...roles: Role[]): MethodDecorator & ClassDecorator {
  if (roles.length === 0) {
    // An empty list would read as "declared" yet let nobody in; say so when the class loads.
    throw new Error('@Roles() needs at least one role');
  }
  return applyDecorators(SetMetadata(ROLES_KEY, roles), ApiExtension(ROLES_EXTENSION, [...roles]));
}
