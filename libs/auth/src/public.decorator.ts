import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

export const IS_PUBLIC_KEY = 'auth:isPublic';

export const PUBLIC_EXTENSION = 'x-public';

// For the few routes nobody signs in to call (health, metrics, provider webhooks that carry their own
// signature); the OpenAPI document marks them too.
export const Public = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(IS_PUBLIC_KEY, true), ApiExtension(PUBLIC_EXTENSION, true));
