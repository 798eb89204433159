// Answers of the ledger's operator routes whose OpenAPI document does not describe a response body
// yet; the request side (paths, parameters, bodies) is typed from the document.
export interface CreditLimitView {
  accountId: string;
  overdraftMillicredits: number;
}

export interface CreditLimitChangeView {
  id: string;
  oldOverdraftMillicredits: number;
  newOverdraftMillicredits: number;
  reason: string;
  changedBy: string;
  changedAt: string;
}

export interface AdjustmentView {
  id: string;
  accountId: string;
  kind: 'goodwill' | 'correction';
  amountMillicredits: number;
  reason: string;
  actor: string;
  expiryDate: string | null;
  balanceMillicredits: number;
  createdAt: string;
}
