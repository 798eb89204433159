// Every MikroORM entity of the billing schema, registered with the ORM in one place.
export const billingEntities = [];
