import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { documentRoles } from '@sms/auth';

export interface ApiInfo {
  title: string;
  description: string;
}

// The OpenAPI document an app serves at /docs/openapi.json; also written to docs/openapi/ for the
// console's generated API client, so both come from this one function.
export function createOpenApiDocument(app: INestApplication, info: ApiInfo): OpenAPIObject {
  return documentRoles(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle(info.title)
        .setDescription(info.description)
        .setVersion('1.0')
        .addBearerAuth()
        .build(),
    ),
  );
}
