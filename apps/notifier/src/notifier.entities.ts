import { NotificationSettingsRecordSchema } from './settings/notification-settings.entity';

// Every MikroORM entity of the notifier schema, registered with the ORM in one place. The delivery
// log and the low-balance state stay hand-written SQL: deliveries are claimed with FOR UPDATE SKIP
// LOCKED and consumers insert whole batches as one JSON parameter.
export const notifierEntities = [NotificationSettingsRecordSchema];
