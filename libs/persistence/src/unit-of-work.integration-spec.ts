import { MikroORM } from '@mikro-orm/postgresql';
import { createTestDatabase } from '@sms/testing';
import { createOrmOptions } from './orm-options';
import { afterCommit, UnitOfWork } from './unit-of-work';

describe(UnitOfWork.name, () => {
  let orm: MikroORM;
  let unitOfWork: UnitOfWork;

  beforeAll(async () => {
    orm = await MikroORM.init(
      createOrmOptions({
        clientUrl: await createTestDatabase('unitofwork'),
        schema: 'public',
        entities: [],
        migrations: [],
        poolSize: 2,
      }),
    );
    unitOfWork = new UnitOfWork(orm.em);
    await orm.em.fork().execute('create table counted (id int primary key, amount bigint not null)');
  });

  afterAll(async () => {
    await orm.close();
  });

  it('runs the hooks registered during the work once the transaction has committed', async () => {
    const seen: string[] = [];
    await unitOfWork.run(async (tx) => {
      await tx.execute('insert into counted (id, amount) values (1, 5)');
      afterCommit(tx, () => seen.push(`committed: ${String(seen.length)}`));
      seen.push('work done');
    });
    const [row] = await orm.em
      .fork()
      .execute<{ amount: number }[]>('select amount from counted where id = 1');
    expect(seen).toEqual(['work done', 'committed: 1']);
    expect(row.amount).toBe(5);
  });

  it('runs a hook registered twice once', async () => {
    let calls = 0;
    const hook = (): void => {
      calls += 1;
    };
    await unitOfWork.run(async (tx) => {
      afterCommit(tx, hook);
      afterCommit(tx, hook);
      await Promise.resolve();
    });
    expect(calls).toBe(1);
  });

  it('runs no hook when the work fails and the transaction rolls back', async () => {
    let called = false;
    await expect(
      unitOfWork.run(async (tx) => {
        await tx.execute('insert into counted (id, amount) values (2, 7)');
        afterCommit(tx, () => {
          called = true;
        });
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    const rows = await orm.em.fork().execute('select id from counted where id = 2');
    expect(called).toBe(false);
    expect(rows).toEqual([]);
  });

  it('tells a caller outside a unit of work that no hook will run', async () => {
    const registered = await orm.em.fork().transactional(async (tx) => afterCommit(tx, () => undefined));
    expect(registered).toBe(false);
  });

  it('reads bigint amounts exactly and refuses one beyond 2^53', async () => {
    const em = orm.em.fork();
    const [exact] = await em.execute<{ total: number; big: number }[]>(
      `select sum(v)::bigint as total, 9007199254740991::bigint as big from (values (1::bigint), (2::bigint)) t(v)`,
    );
    expect(exact).toEqual({ total: 3, big: Number.MAX_SAFE_INTEGER });
    await expect(em.execute('select 9007199254740993::bigint as n')).rejects.toThrow(
      'Not an exact integer: 9007199254740993',
    );
  });

  it('keeps the dates MikroORM reads as text while reading bigints as numbers', async () => {
    const [row] = await orm.em
      .fork()
      .execute<{ day: string; n: number }[]>(`select '2026-03-10'::date as day, 12::bigint as n`);
    expect(row).toEqual({ day: '2026-03-10', n: 12 });
  });
});
