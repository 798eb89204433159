import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildAsyncApiDocument } from './asyncapi';
import { CATALOGUE } from './catalogue';

describe(buildAsyncApiDocument.name, () => {
  it('matches the committed docs/asyncapi.json (run npm run asyncapi after changing a schema)', () => {
    const committed: unknown = JSON.parse(
      readFileSync(join(__dirname, '..', '..', '..', 'docs', 'asyncapi.json'), 'utf8'),
    );
    expect(committed).toEqual(JSON.parse(JSON.stringify(buildAsyncApiDocument())));
  });

  it('describes every topic of the catalogue with a JSON schema of its payload', () => {
    const document = buildAsyncApiDocument() as {
      channels: Record<string, { address: string }>;
      components: { messages: Record<string, { payload: { properties: Record<string, unknown> } }> };
    };
    const addresses = Object.values(document.channels).map((c) => c.address);
    expect(addresses.sort()).toEqual(CATALOGUE.map((c) => c.topic).sort());
    const versions = Object.values(document.components.messages).map(
      (message) => (message.payload.properties.schemaVersion as { const: number }).const,
    );
    expect(versions.sort()).toEqual(CATALOGUE.map((c) => c.version).sort());
  });
});
