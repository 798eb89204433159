// Where the person acts: pages of the web console, and the billing API for invoice downloads.
export class Links {
  constructor(
    private readonly appBaseUrl: string,
    private readonly billingBaseUrl: string,
  ) {}

  buyCredits(accountId: string): string {
    return this.app(`/accounts/${encodeURIComponent(accountId)}/credits/buy`);
  }

  credits(accountId: string): string {
    return this.app(`/accounts/${encodeURIComponent(accountId)}/credits`);
  }

  autoTopUp(accountId: string): string {
    return this.app(`/accounts/${encodeURIComponent(accountId)}/billing/auto-top-up`);
  }

  orderApproval(accountId: string, orderId: string): string {
    return this.app(
      `/accounts/${encodeURIComponent(accountId)}/orders/${encodeURIComponent(orderId)}/approval`,
    );
  }

  notificationSettings(accountId: string): string {
    return this.app(`/accounts/${encodeURIComponent(accountId)}/settings/notifications`);
  }

  // invoice.issued carries the download path on the billing API.
  invoice(downloadPath: string): string {
    return join(this.billingBaseUrl, downloadPath);
  }

  private app(path: string): string {
    return join(this.appBaseUrl, path);
  }
}

function join(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
