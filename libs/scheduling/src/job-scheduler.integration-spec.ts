import { SchedulerRegistry } from '@nestjs/schedule';
import { MikroORM } from '@mikro-orm/postgresql';
import { createOrmOptions } from '@sms/persistence';
import { createTestDatabase } from '@sms/testing';
import { tryJobLock } from './job-lock';
import { JobScheduler } from './job-scheduler';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe(JobScheduler.name, () => {
  let databaseUrl: string;
  const orms: MikroORM[] = [];

  // One ORM per scheduler: two schedulers stand for two replicas of a service.
  async function replica(): Promise<JobScheduler> {
    const orm = await MikroORM.init(
      createOrmOptions({
        clientUrl: databaseUrl,
        schema: 'public',
        entities: [],
        migrations: [],
        poolSize: 3,
      }),
    );
    orms.push(orm);
    const scheduler = new JobScheduler(new SchedulerRegistry(), orm.em);
    scheduler.onApplicationBootstrap();
    return scheduler;
  }

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('scheduling');
  });

  afterAll(async () => {
    await Promise.all(orms.map((orm) => orm.close()));
  });

  it('never runs a job on two replicas at the same time', async () => {
    const [first, second] = [await replica(), await replica()];
    let active = 0;
    let mostAtOnce = 0;
    let runs = 0;
    const run = async () => {
      active += 1;
      mostAtOnce = Math.max(mostAtOnce, active);
      await sleep(40);
      active -= 1;
      runs += 1;
    };
    first.register({ name: 'test.job.overlap', intervalMs: 10, run });
    second.register({ name: 'test.job.overlap', intervalMs: 10, run });
    await sleep(800);
    await Promise.all([first.beforeApplicationShutdown(), second.beforeApplicationShutdown()]);
    expect(runs).toBeGreaterThan(3);
    expect(mostAtOnce).toBe(1);
  });

  it('never overlaps a run with itself within one replica', async () => {
    const scheduler = await replica();
    let active = 0;
    let mostAtOnce = 0;
    const job = scheduler.register({
      name: 'test.job.self',
      intervalMs: 5,
      lockedBy: 'job',
      run: async () => {
        active += 1;
        mostAtOnce = Math.max(mostAtOnce, active);
        await sleep(30);
        active -= 1;
      },
    });
    job.trigger();
    job.trigger();
    await sleep(200);
    await scheduler.beforeApplicationShutdown();
    expect(mostAtOnce).toBe(1);
  });

  it('waits at shutdown for the run in progress to finish', async () => {
    const scheduler = await replica();
    let started = false;
    let finished = false;
    scheduler.register({
      name: 'test.job.shutdown',
      intervalMs: 5,
      run: async () => {
        started = true;
        await sleep(300);
        finished = true;
      },
    });
    while (!started) {
      await sleep(5);
    }
    let shutDown = false;
    const shutdown = scheduler.beforeApplicationShutdown().then(() => {
      shutDown = true;
    });
    await sleep(100);
    expect(shutDown).toBe(false);
    await shutdown;
    expect(finished).toBe(true);
  });

  it.each(['rows', 'replica'] as const)(
    "runs a job locked by '%s' on every replica at once, never twice at once on one",
    async (lockedBy) => {
      const replicas = [await replica(), await replica()];
      let active = 0;
      let mostAtOnce = 0;
      const mostAtOnceOnOne = [0, 0];
      const activeOnOne = [0, 0];
      replicas.forEach((scheduler, index) => {
        const job = scheduler.register({
          name: `test.job.${lockedBy}`,
          intervalMs: 5,
          lockedBy,
          run: async () => {
            active += 1;
            activeOnOne[index] += 1;
            mostAtOnce = Math.max(mostAtOnce, active);
            mostAtOnceOnOne[index] = Math.max(mostAtOnceOnOne[index], activeOnOne[index]);
            await sleep(60);
            active -= 1;
            activeOnOne[index] -= 1;
          },
        });
        job.trigger();
        job.trigger();
      });
      await sleep(400);
      await Promise.all(replicas.map((scheduler) => scheduler.beforeApplicationShutdown()));
      expect(mostAtOnce).toBe(2);
      expect(mostAtOnceOnOne).toEqual([1, 1]);
    },
  );

  it('tells a run in progress that shutdown began, so a job working in batches stops between two', async () => {
    const scheduler = await replica();
    let batches = 0;
    let started = false;
    scheduler.register({
      name: 'test.job.batches',
      intervalMs: 5,
      run: async (stopping) => {
        started = true;
        // A backlog of 100 batches of 20 ms: about two seconds when nobody stops it.
        while (!stopping.aborted && batches < 100) {
          await sleep(20);
          batches += 1;
        }
      },
    });
    while (!started) {
      await sleep(5);
    }
    const shutdownBegan = Date.now();
    await scheduler.beforeApplicationShutdown();
    expect(Date.now() - shutdownBegan).toBeLessThan(500);
    expect(batches).toBeLessThan(100);
  });

  it('runs nothing and says so while another holder has the lock', async () => {
    const scheduler = await replica();
    const [orm] = orms;
    let ran = false;
    const outcome = await orm.em.fork().transactional(async (tx) => {
      expect(await tryJobLock(tx, 'test.job.busy')).toBe(true);
      return scheduler.runExclusive('test.job.busy', async () => {
        ran = true;
        return 1;
      });
    });
    expect(outcome).toEqual({ ran: false });
    expect(ran).toBe(false);
    await expect(scheduler.runExclusive('test.job.busy', () => Promise.resolve(7))).resolves.toEqual({
      ran: true,
      result: 7,
    });
  });
});
