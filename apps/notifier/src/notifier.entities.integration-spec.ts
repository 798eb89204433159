import { MikroORM } from '@mikro-orm/postgresql';
import { messagingTablesMigration } from '@sms/messaging';
import { createOrmOptions } from '@sms/persistence';
import { createTestDatabase } from '@sms/testing';
import { notifierMigrations } from './migrations';
import { notifierEntities } from './notifier.entities';

jest.setTimeout(60_000);

describe('notifier entities', () => {
  let orm: MikroORM;

  beforeAll(async () => {
    orm = await MikroORM.init(
      createOrmOptions({
        clientUrl: await createTestDatabase('notifier_entities'),
        schema: 'notifier',
        entities: notifierEntities,
        migrations: [messagingTablesMigration, ...notifierMigrations],
        poolSize: 2,
      }),
    );
    await orm.getMigrator().up();
  });

  afterAll(async () => {
    await orm.close();
  });

  // Migrations own the schema; the entities only describe it. Tables without an entity are left out
  // of the comparison (dropTables: false).
  it('maps the migrated tables exactly: a schema diff against the entities finds nothing to change', async () => {
    const diff = await orm.schema.getUpdateSchemaSQL({ safe: false, dropTables: false, wrap: false });
    expect(diff.trim()).toBe('');
  });
});
