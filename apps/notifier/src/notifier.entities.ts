import { DeliverySchema } from './delivery/delivery.entity';
import { NotificationSettingsRecordSchema } from './settings/notification-settings.entity';

// Every MikroORM entity of the notifier schema, registered with the ORM in one place. The low-balance
// state stays hand-written SQL; the delivery log's bulk insert and its claim of due rows (FOR UPDATE
// SKIP LOCKED) do too, in DeliveryRepository.
export const notifierEntities = [NotificationSettingsRecordSchema, DeliverySchema];
