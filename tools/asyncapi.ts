import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildAsyncApiDocument } from '@sms/contracts';

// Regenerates docs/asyncapi.json from the event schemas in libs/contracts.
const target = join(__dirname, '..', 'docs', 'asyncapi.json');
writeFileSync(target, `${JSON.stringify(buildAsyncApiDocument(), null, 2)}\n`);
process.stdout.write(`wrote ${target}\n`);
