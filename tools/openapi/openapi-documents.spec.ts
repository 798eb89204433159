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
