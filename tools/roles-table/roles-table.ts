import { ROLES } from '@sms/auth';

import type { RouteAccess } from './route-access';

export const TABLE_START = '<!-- roles-table:start (npm run roles-table) -->';
export const TABLE_END = '<!-- roles-table:end -->';

// One Markdown table for every route of the services: a column per role, and one for the few routes
// that need no token at all.
export function rolesTable(apps: { app: string; routes: RouteAccess[] }[]): string {
  const header = ['service', 'route', 'public', ...ROLES];
  const mark = (yes: boolean) => (yes ? '✓' : '');
  const rows = apps.flatMap(({ app, routes }) =>
    routes.map((route) => [
      app,
      `\`${route.method} ${route.path}\``,
      mark(route.public),
      ...ROLES.map((role) => mark(route.roles.includes(role))),
    ]),
  );
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column].length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  return [
    line(header),
    `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`,
    ...rows.map(line),
  ].join('\n');
}

// The README with its roles table replaced by `table`.
export function withRolesTable(readme: string, table: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start === -1 || end < start) {
    throw new Error(`README.md has no ${TABLE_START} … ${TABLE_END} section`);
  }
  return `${readme.slice(0, start + TABLE_START.length)}\n\n${table}\n\n${readme.slice(end)}`;
}
