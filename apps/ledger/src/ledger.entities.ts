// Every MikroORM entity of the ledger schema, registered with the ORM in one place.
export const ledgerEntities = [];
