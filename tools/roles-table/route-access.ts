import 'reflect-metadata';
import { type DynamicModule, RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { IS_PUBLIC_KEY, type Role, ROLES, ROLES_KEY } from '@sms/auth';

// Who may call a route, read from the decorators the guard reads: `roles` is empty for public routes.
export interface RouteAccess {
  method: string;
  // OpenAPI style: /accounts/{accountId}/holds
  path: string;
  public: boolean;
  roles: Role[];
}

type ModuleRef = Type<unknown> | DynamicModule | Promise<DynamicModule> | { forwardRef: () => unknown };

// Walks a root module's imports (static and dynamic) for its controllers, the way Nest would, without
// starting anything: no database, broker or HTTP server is needed to know an app's routes.
export function routeAccess(root: DynamicModule | Type<unknown>): RouteAccess[] {
  const controllers = new Set<Type<unknown>>();
  const seen = new Set<unknown>();
  const visit = (ref: ModuleRef | undefined): void => {
    if (ref === undefined || ref instanceof Promise || seen.has(ref)) {
      return;
    }
    seen.add(ref);
    if ('forwardRef' in ref && typeof ref.forwardRef === 'function') {
      visit(ref.forwardRef() as ModuleRef);
      return;
    }
    const dynamic = 'module' in ref ? ref : undefined;
    const type = (dynamic?.module ?? ref) as Type<unknown>;
    const declared = (key: string): unknown[] =>
      (Reflect.getMetadata(key, type) as unknown[] | undefined) ?? [];
    for (const controller of [...declared(MODULE_METADATA.CONTROLLERS), ...(dynamic?.controllers ?? [])]) {
      controllers.add(controller as Type<unknown>);
    }
    for (const imported of [...declared(MODULE_METADATA.IMPORTS), ...(dynamic?.imports ?? [])]) {
      visit(imported as ModuleRef);
    }
  };
  visit(root);
  return [...controllers].flatMap(routesOf).sort(byPathThenMethod);
}

function routesOf(controller: Type<unknown>): RouteAccess[] {
  const prefixes = asList(Reflect.getMetadata(PATH_METADATA, controller) as string | string[] | undefined);
  const prototype = controller.prototype as Record<string, unknown>;
  return Object.getOwnPropertyNames(prototype).flatMap((name) => {
    const handler = prototype[name];
    if (typeof handler !== 'function' || name === 'constructor') {
      return [];
    }
    const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
    if (method === undefined) {
      return [];
    }
    const isPublic = Boolean(
      Reflect.getMetadata(IS_PUBLIC_KEY, handler) ?? Reflect.getMetadata(IS_PUBLIC_KEY, controller),
    );
    const roles = (Reflect.getMetadata(ROLES_KEY, handler) ??
      Reflect.getMetadata(ROLES_KEY, controller) ??
      []) as Role[];
    const paths = asList(Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined);
    return prefixes.flatMap((prefix) =>
      paths.map((path) => ({
        method: RequestMethod[method],
        path: openApiPath(prefix, path),
        public: isPublic,
        roles: isPublic ? [] : ROLES.filter((role) => roles.includes(role)),
      })),
    );
  });
}

function asList(value: string | string[] | undefined): string[] {
  if (value === undefined) {
    return [''];
  }
  return Array.isArray(value) ? value : [value];
}

function openApiPath(prefix: string, path: string): string {
  const joined = `/${[prefix, path]
    .map((part) => part.replace(/^\/+|\/+$/g, ''))
    .filter((part) => part.length > 0)
    .join('/')}`;
  return joined.replace(/:(\w+)/g, '{$1}');
}

function byPathThenMethod(a: RouteAccess, b: RouteAccess): number {
  return a.path === b.path ? a.method.localeCompare(b.method) : a.path.localeCompare(b.path);
}
