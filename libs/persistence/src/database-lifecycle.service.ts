import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { ReadinessRegistry } from '@sms/observability';

// Brings the app's schema up to date before anything else touches it, and reports database health.
@Injectable()
export class DatabaseLifecycle implements OnModuleInit {
  private readonly logger = new Logger(DatabaseLifecycle.name);

  constructor(
    private readonly orm: MikroORM,
    private readonly readiness: ReadinessRegistry,
  ) {}

  async onModuleInit(): Promise<void> {
    const applied = await this.orm.getMigrator().up();
    if (applied.length > 0) {
      this.logger.log({ message: 'migrations applied', migrations: applied.map((m) => m.name) });
    }
    this.readiness.register({
      name: 'postgres',
      check: async () => {
        await this.orm.em.getConnection().execute('select 1');
      },
    });
  }
}
