import { BillingModule } from '../../apps/billing/src/billing.module';
import { readBillingConfig } from '../../apps/billing/src/config/billing.config';
import { readLedgerConfig } from '../../apps/ledger/src/config/ledger.config';
import { LedgerModule } from '../../apps/ledger/src/ledger.module';
import { readNotifierConfig } from '../../apps/notifier/src/config/notifier.config';
import { NotifierModule } from '../../apps/notifier/src/notifier.module';
import { routeAccess, type RouteAccess } from './route-access';

// Every route of the three services with who may call it; local default settings are enough, as
// only the modules' declarations are read.
export function serviceRoutes(): { app: string; routes: RouteAccess[] }[] {
  const env = { NODE_ENV: 'development' };
  return [
    { app: 'ledger', routes: routeAccess(LedgerModule.forRoot(readLedgerConfig(env))) },
    { app: 'billing', routes: routeAccess(BillingModule.forRoot(readBillingConfig(env))) },
    { app: 'notifier', routes: routeAccess(NotifierModule.forRoot(readNotifierConfig(env))) },
  ];
}
