// Where an account's auto top-up stands: "armed" means the next balance.low may charge; any other
// state means a top-up for the current dip is in flight or was refused by the 30-day limit.
export type TopUpState = 'armed' | 'in_flight' | 'limit_reached';
