// Billing reads and writes its tables with hand-written SQL in its repositories (conditional state
// changes, row locks and advisory locks), so it registers no MikroORM entities.
export const billingEntities = [];
