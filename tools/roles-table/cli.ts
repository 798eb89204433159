import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { rolesTable, withRolesTable } from './roles-table';
import { serviceRoutes } from './service-routes';

// `npm run roles-table`: rewrites the README's roles table from the routes' @Roles() declarations.
const readmePath = join(__dirname, '..', '..', 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const updated = withRolesTable(readme, rolesTable(serviceRoutes()));
writeFileSync(readmePath, updated);
process.stdout.write(
  updated === readme ? 'README.md roles table is current\n' : 'README.md roles table updated\n',
);
