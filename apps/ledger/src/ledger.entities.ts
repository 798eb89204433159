// Every MikroORM entity of the ledger schema, registered with the ORM in one place. There are none on
// purpose: the ledger's rows are changed set-based (one statement for a whole Kafka batch), so the
// repositories own hand-written SQL rather than mixing identity-map entities with bulk updates that
// would leave them stale.
export const ledgerEntities = [];
