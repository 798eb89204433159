// Every MikroORM entity of the notifier schema, registered with the ORM in one place.
export const notifierEntities = [];
