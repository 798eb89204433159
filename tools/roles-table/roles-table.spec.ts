import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Controller, Delete, Get, Module, Post } from '@nestjs/common';
import { Public, ROLES, Roles } from '@sms/auth';

import { routeAccess } from './route-access';
import { rolesTable, TABLE_END, TABLE_START, withRolesTable } from './roles-table';
import { serviceRoutes } from './service-routes';

@Roles('operator')
@Controller('accounts/:accountId/things')
class ThingsController {
  @Get()
  list(): void {}

  @Roles('gateway', 'operator')
  @Post(':thingId/use')
  use(): void {}
}

@Controller()
class OpenController {
  @Public()
  @Get('ping')
  ping(): void {}

  @Delete('forgotten')
  forgotten(): void {}
}

@Module({ controllers: [OpenController] })
class OpenModule {}

@Module({})
class RootModule {}

describe(routeAccess.name, () => {
  it('finds controllers through dynamic and static imports, with controller and handler roles', () => {
    const routes = routeAccess({
      module: RootModule,
      imports: [OpenModule],
      controllers: [ThingsController],
    });
    expect(routes).toEqual([
      { method: 'GET', path: '/accounts/{accountId}/things', public: false, roles: ['operator'] },
      {
        method: 'POST',
        path: '/accounts/{accountId}/things/{thingId}/use',
        public: false,
        roles: ['gateway', 'operator'],
      },
      { method: 'DELETE', path: '/forgotten', public: false, roles: [] },
      { method: 'GET', path: '/ping', public: true, roles: [] },
    ]);
  });
});

describe(rolesTable.name, () => {
  const routes = serviceRoutes();

  it('lists a route of every service with the roles its handler declares', () => {
    const table = rolesTable(routes);
    expect(table.split('\n')[0]).toMatch(new RegExp(['public', ...ROLES].join(' +\\| ')));
    expect(table).toMatch(
      /\| ledger +\| `POST \/accounts\/\{accountId\}\/holds` +\| +\| +\| +\| +\| +\| ✓ +\| ✓ +\|/,
    );
    expect(table).toMatch(/\| billing +\| `POST \/webhooks\/stripe` +\| ✓ +\|/);
  });

  it('finds no route of the services without declared roles', () => {
    const undeclared = routes.flatMap(({ app, routes: appRoutes }) =>
      appRoutes
        .filter((route) => !route.public && route.roles.length === 0)
        .map((r) => `${app} ${r.method} ${r.path}`),
    );
    expect(undeclared).toEqual([]);
  });

  it('is current in README.md (run `npm run roles-table` after changing a route)', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    expect(readme).toContain(TABLE_START);
    expect(readme).toContain(TABLE_END);
    expect(withRolesTable(readme, rolesTable(routes))).toBe(readme);
  });
});
