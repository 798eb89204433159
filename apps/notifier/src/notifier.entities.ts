// Every MikroORM entity of the notifier schema, registered with the ORM in one place. There are
// none: the notifier's tables are read and written in bulk with hand-written SQL in its repositories
// (delivery claims need FOR UPDATE SKIP LOCKED, consumers insert whole batches as one JSON parameter).
export const notifierEntities = [];
