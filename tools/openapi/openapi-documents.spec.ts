import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildOpenApiDocument, DOCUMENTED_SERVICES, serializeDocument } from './openapi-documents';

// The console's API client is generated from the committed documents: they must say what the code does.
describe('committed OpenAPI documents', () => {
  it.each(DOCUMENTED_SERVICES)(
    'docs/openapi/%s.json matches the controllers (run `npm run openapi`)',
    async (service) => {
      const committed = readFileSync(
        join(__dirname, '..', '..', 'docs', 'openapi', `${service}.json`),
        'utf8',
      );
      const built = serializeDocument(await buildOpenApiDocument(service));
      expect(JSON.parse(committed)).toEqual(JSON.parse(built));
    },
    60_000,
  );
});

// Operations with a successful response that has no body schema (204 needs none).
function undescribedResponses(document: { paths: Record<string, unknown> }): string[] {
  const undescribed: string[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item as Record<string, unknown>)) {
      const responses = (operation as { responses?: Record<string, { content?: object }> }).responses ?? {};
      const success = Object.entries(responses).filter(([status]) => status.startsWith('2'));
      const described = success.some(
        ([status, response]) => status === '204' || response.content !== undefined,
      );
      if (!described) {
        undescribed.push(`${method.toUpperCase()} ${path}`);
      }
    }
  }
  return undescribed;
}

describe('responses in the OpenAPI documents', () => {
  it.each(DOCUMENTED_SERVICES)(
    'describes the body of every successful response of the %s service',
    async (service) => {
      expect(undescribedResponses(await buildOpenApiDocument(service))).toEqual([]);
    },
    60_000,
  );

  // Identity's document is built outside jest (its OpenID library is an ES module), so the committed
  // file is what is checked here.
  it('describes the body of every successful response of the identity service', () => {
    const committed = readFileSync(join(__dirname, '..', '..', 'docs', 'openapi', 'identity.json'), 'utf8');
    expect(undescribedResponses(JSON.parse(committed) as { paths: Record<string, unknown> })).toEqual([]);
  });
});
