import { AccountSettingsSchema } from './accounts/account-settings.entity';
import { CreditLimitChangeSchema } from './credit-limit/credit-limit-change.entity';
import { ListAllocationSchema } from './lists/list-allocation.entity';
import { MonitorSchema } from './monitors/monitor.entity';
import { HoldSchema } from './holds/hold.entity';
import { CountryRateSchema } from './rates/country-rate.entity';

// Every MikroORM entity of the ledger schema, registered with the ORM in one place: the aggregates
// people configure (account settings, credit-limit changes, list allocations, monitors, the rate
// card) and holds. Lots, the journal, charges and the balances stay hand-written SQL in their
// repositories: they change set-based, one statement for a whole Kafka batch, where identity-map
// entities would go stale.
export const ledgerEntities = [
  AccountSettingsSchema,
  CreditLimitChangeSchema,
  ListAllocationSchema,
  MonitorSchema,
  CountryRateSchema,
  HoldSchema,
];
