import type { OpenAPIObject } from '@nestjs/swagger';

import { PUBLIC_EXTENSION } from './public.decorator';
import { ROLES_EXTENSION } from './roles.decorator';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;

// Says in each operation's description who may call it, read from the x-roles extension the
// @Roles() decorator put there, so Swagger UI shows it next to the route.
export function documentRoles(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method] as (Record<string, unknown> & { description?: string }) | undefined;
      if (operation === undefined) {
        continue;
      }
      const roles = operation[ROLES_EXTENSION];
      const access = Array.isArray(roles)
        ? `Roles: ${roles.join(', ')}.`
        : operation[PUBLIC_EXTENSION] === true
          ? 'Public: no token needed.'
          : undefined;
      if (access !== undefined) {
        operation.description = operation.description ? `${operation.description}\n\n${access}` : access;
      }
    }
  }
  return document;
}
