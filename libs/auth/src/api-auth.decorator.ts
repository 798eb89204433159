import { applyDecorators } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiServiceUnavailableResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';

// Pairs with `new DocumentBuilder().addBearerAuth()` in each app's Swagger setup (default scheme name "bearer").
export const ApiAuth = (): MethodDecorator & ClassDecorator =>
  applyDecorators(
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Missing, malformed, expired or invalid bearer token' }),
    ApiForbiddenResponse({ description: 'Role not allowed, or token scoped to another account' }),
    ApiServiceUnavailableResponse({ description: "The token issuer's keys cannot be fetched right now" }),
  );
