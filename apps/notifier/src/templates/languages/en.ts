import type { LanguagePack } from '../language-pack';

const button = (label: string): string =>
  `<p style="margin:24px 0"><a href="{{actionUrl}}" style="background:#1a56db;color:#fff;padding:10px 18px;border-radius:4px;text-decoration:none">${label}</a></p>`;

export const en: LanguagePack = {
  locale: 'en-GB',
  layout: {
    html: `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{subject}}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;color:#1f2937;max-width:600px;margin:0 auto;padding:24px">
[[content]]
<hr style="border:none;border-top:1px solid #e5e7eb;margin-top:32px">
<p style="font-size:12px;color:#6b7280">You receive this email because your address is listed in the notification settings of your SMS account. <a href="{{settingsUrl}}">Change who gets these emails</a>.</p>
</body></html>`,
    text: `[[content]]

--
You receive this email because your address is listed in the notification settings of your SMS account.
Change who gets these emails: {{settingsUrl}}
`,
  },
  personalLayout: {
    html: `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{subject}}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;color:#1f2937;max-width:600px;margin:0 auto;padding:24px">
[[content]]
<hr style="border:none;border-top:1px solid #e5e7eb;margin-top:32px">
<p style="font-size:12px;color:#6b7280">You receive this email because someone asked for it for this address on SMS Credits. If it was not you, you can ignore it: nothing changes unless the link is used.</p>
</body></html>`,
    text: `[[content]]

--
You receive this email because someone asked for it for this address on SMS Credits.
If it was not you, you can ignore it: nothing changes unless the link is used.
`,
  },
  creditSources: {
    purchase: 'Purchase',
    subscription: 'Subscription',
    auto_topup: 'Auto top-up',
    goodwill: 'Goodwill credit',
    adjustment: 'Adjustment',
  },
  templates: {
    low_balance: {
      subject: 'Your SMS balance is below {{level}} credits',
      html: `<h1>Your SMS balance is running low</h1>
<p>Your balance fell below <strong>{{level}} credits</strong> on {{occurredAt}}.</p>
<table cellpadding="4">
<tr><td>Balance</td><td><strong>{{balance}} credits</strong></td></tr>
<tr><td>Available to send</td><td>{{available}} credits</td></tr>
{{#if estimatedSmsLeft}}<tr><td>Estimated SMS left</td><td>about {{estimatedSmsLeft}}</td></tr>{{/if}}
</table>
<p>When credits run out, sending stops: campaigns halt and one-time passwords are not delivered.</p>
${button('Buy credits')}`,
      text: `Your SMS balance is running low

Your balance fell below {{level}} credits on {{occurredAt}}.

Balance: {{balance}} credits
Available to send: {{available}} credits
{{#if estimatedSmsLeft}}Estimated SMS left: about {{estimatedSmsLeft}}
{{/if}}
When credits run out, sending stops: campaigns halt and one-time passwords are not delivered.

Buy credits: {{actionUrl}}`,
    },
    low_balance_reminder: {
      subject: 'Reminder: your SMS balance is still below {{level}} credits',
      html: `<h1>Your SMS balance is still low</h1>
<p>Your balance has been below <strong>{{level}} credits</strong> since {{belowSince}}.</p>
<table cellpadding="4">
<tr><td>Balance when it fell below</td><td><strong>{{balance}} credits</strong></td></tr>
{{#if estimatedSmsLeft}}<tr><td>Estimated SMS left then</td><td>about {{estimatedSmsLeft}}</td></tr>{{/if}}
</table>
<p>We send this reminder at most once a day until the balance is back above the level.</p>
${button('Buy credits')}`,
      text: `Your SMS balance is still low

Your balance has been below {{level}} credits since {{belowSince}}.

Balance when it fell below: {{balance}} credits
{{#if estimatedSmsLeft}}Estimated SMS left then: about {{estimatedSmsLeft}}
{{/if}}
We send this reminder at most once a day until the balance is back above the level.

Buy credits: {{actionUrl}}`,
    },
    depleted: {
      subject: 'Your SMS credits have run out: sending has stopped',
      html: `<h1>Your SMS credits have run out</h1>
<p>On {{occurredAt}} your available credits reached zero. No SMS can be sent until you add credits.</p>
<table cellpadding="4">
<tr><td>Balance</td><td><strong>{{balance}} credits</strong></td></tr>
<tr><td>Available to send</td><td>{{available}} credits</td></tr>
</table>
{{#if negative}}<p>A negative balance is a deficit: it is taken out of the next credits you add.</p>{{/if}}
${button('Buy credits now')}`,
      text: `Your SMS credits have run out

On {{occurredAt}} your available credits reached zero. No SMS can be sent until you add credits.

Balance: {{balance}} credits
Available to send: {{available}} credits
{{#if negative}}
A negative balance is a deficit: it is taken out of the next credits you add.
{{/if}}
Buy credits now: {{actionUrl}}`,
    },
    receipt: {
      subject: '{{granted}} SMS credits added to your account',
      html: `<h1>Credits added</h1>
<p>{{granted}} credits were added to your account on {{occurredAt}}.</p>
<table cellpadding="4">
<tr><td>Credits added</td><td><strong>{{granted}}</strong></td></tr>
<tr><td>Source</td><td>{{source}}</td></tr>
<tr><td>Order</td><td>{{orderId}}</td></tr>
{{#if deficitNetted}}<tr><td>Deficit settled</td><td>{{deficitNetted}} credits</td></tr>{{/if}}
<tr><td>New balance</td><td><strong>{{balance}} credits</strong></td></tr>
<tr><td>Valid until</td><td>{{#if expiresAt}}{{expiresAt}}{{else}}no expiry{{/if}}</td></tr>
</table>
${button('See your credits')}`,
      text: `Credits added

{{granted}} credits were added to your account on {{occurredAt}}.

Credits added: {{granted}}
Source: {{source}}
Order: {{orderId}}
{{#if deficitNetted}}Deficit settled: {{deficitNetted}} credits
{{/if}}New balance: {{balance}} credits
Valid until: {{#if expiresAt}}{{expiresAt}}{{else}}no expiry{{/if}}

See your credits: {{actionUrl}}`,
    },
    expiring: {
      subject:
        '{{remaining}} SMS credits expire at the end of {{#if lastDayToday}}today, {{/if}}{{#if lastDayTomorrow}}tomorrow, {{/if}}{{expiryDate}}{{#if lastDayLater}}, in {{daysBefore}} days{{/if}}',
      html: `<h1>Credits expiring soon</h1>
<p><strong>{{remaining}} credits</strong> expire at the end of <strong>{{expiryDate}}</strong> ({{timeZone}}).</p>
<p>Use them before then; buying a new package may extend their validity.</p>
${button('See your credits')}`,
      text: `Credits expiring soon

{{remaining}} credits expire at the end of {{expiryDate}} ({{timeZone}}).

Use them before then; buying a new package may extend their validity.

See your credits: {{actionUrl}}`,
    },
    expired: {
      subject: '{{expired}} SMS credits expired',
      html: `<h1>Credits expired</h1>
<p><strong>{{expired}} credits</strong> reached the end of their validity on {{expiryDate}} ({{timeZone}}) and left your balance.</p>
<table cellpadding="4">
<tr><td>Balance now</td><td><strong>{{balance}} credits</strong></td></tr>
</table>
${button('See your credits')}`,
      text: `Credits expired

{{expired}} credits reached the end of their validity on {{expiryDate}} ({{timeZone}}) and left your balance.

Balance now: {{balance}} credits

See your credits: {{actionUrl}}`,
    },
    autotopup_failed: {
      subject:
        '{{#if paymentFailed}}Auto top-up failed: your card could not be charged{{else}}Auto top-up paused: 30-day limit reached{{/if}}',
      html: `<h1>{{#if paymentFailed}}Auto top-up failed{{else}}Auto top-up limit reached{{/if}}</h1>
{{#if paymentFailed}}<p>We could not charge your saved card: {{reason}}.</p>{{else}}<p>Auto top-up already recharged {{recharges}} times in the last 30 days, the maximum you set ({{maxRecharges}}).</p>{{/if}}
{{#if disabled}}<p><strong>Auto top-up is switched off</strong> until you update your payment method.</p>{{/if}}
<p>Your balance is no longer topped up automatically: buy credits or update your auto top-up settings to keep sending.</p>
${button('Review auto top-up')}`,
      text: `{{#if paymentFailed}}Auto top-up failed{{else}}Auto top-up limit reached{{/if}}

{{#if paymentFailed}}We could not charge your saved card: {{reason}}.{{else}}Auto top-up already recharged {{recharges}} times in the last 30 days, the maximum you set ({{maxRecharges}}).{{/if}}
{{#if disabled}}
Auto top-up is switched off until you update your payment method.
{{/if}}
Your balance is no longer topped up automatically: buy credits or update your auto top-up settings to keep sending.

Review auto top-up: {{actionUrl}}`,
    },
    approval_requested: {
      subject: 'Approval needed: order of {{credits}} SMS credits from {{requesterName}}',
      html: `<h1>An order waits for your approval</h1>
<p>Hello {{approverName}},</p>
<p>{{requesterName}} ({{requesterEmail}}) ordered SMS credits and named you as approver. The order is processed once you confirm it.</p>
<table cellpadding="4">
<tr><td>Order</td><td>{{orderId}}</td></tr>
<tr><td>Credits</td><td><strong>{{credits}}</strong></td></tr>
<tr><td>Amount</td><td><strong>{{amount}}</strong></td></tr>
</table>
${button('Review the order')}`,
      text: `An order waits for your approval

Hello {{approverName}},

{{requesterName}} ({{requesterEmail}}) ordered SMS credits and named you as approver. The order is processed once you confirm it.

Order: {{orderId}}
Credits: {{credits}}
Amount: {{amount}}

Review the order: {{actionUrl}}`,
    },
    invoice_issued: {
      subject: 'Invoice {{number}} for {{periodStart}} – {{periodEnd}}',
      html: `<h1>Your invoice is ready</h1>
<p>Invoice <strong>{{number}}</strong> covers your SMS credit purchases from {{periodStart}} to {{periodEnd}}.</p>
<table cellpadding="4">
<tr><td>Total</td><td><strong>{{total}}</strong></td></tr>
</table>
${button('Download the invoice (PDF)')}`,
      text: `Your invoice is ready

Invoice {{number}} covers your SMS credit purchases from {{periodStart}} to {{periodEnd}}.

Total: {{total}}

Download the invoice (PDF): {{actionUrl}}`,
    },
    credits_reversed: {
      subject:
        '{{#if isRefund}}Refund of {{amount}}: credits taken back{{/if}}{{#if isDisputeOpened}}Card dispute opened: credits taken back{{/if}}{{#if isDisputeLost}}Card dispute closed: the bank decided for the cardholder{{/if}}',
      html: `<h1>{{#if isRefund}}Your payment was refunded{{/if}}{{#if isDisputeOpened}}Your payment is disputed{{/if}}{{#if isDisputeLost}}The card dispute was lost{{/if}}</h1>
{{#if isRefund}}<p>{{amount}} paid for order {{orderId}} went back to the card, so the credits it bought are taken back from your balance.</p>{{/if}}
{{#if isDisputeOpened}}<p>The cardholder's bank disputed the {{amount}} paid for order {{orderId}} and the money was withdrawn. The credits it bought are taken back while the dispute lasts; they come back if it is decided in your favour.</p>{{/if}}
{{#if isDisputeLost}}<p>The dispute about the {{amount}} paid for order {{orderId}} was decided for the cardholder. The credits taken back when it opened stay taken back.</p>{{/if}}
<table cellpadding="4">
<tr><td>Credits taken back</td><td><strong>{{reversed}}</strong></td></tr>
<tr><td>Order</td><td>{{orderId}}</td></tr>
{{#if creditNote}}<tr><td>Credit note</td><td>{{creditNote}}</td></tr>{{/if}}
<tr><td>Date</td><td>{{occurredAt}}</td></tr>
</table>
<p>If your balance goes below zero, the difference is taken from your next purchase.</p>
${button('See your credits')}`,
      text: `{{#if isRefund}}Your payment was refunded{{/if}}{{#if isDisputeOpened}}Your payment is disputed{{/if}}{{#if isDisputeLost}}The card dispute was lost{{/if}}

{{#if isRefund}}{{amount}} paid for order {{orderId}} went back to the card, so the credits it bought are taken back from your balance.{{/if}}{{#if isDisputeOpened}}The cardholder's bank disputed the {{amount}} paid for order {{orderId}} and the money was withdrawn. The credits it bought are taken back while the dispute lasts; they come back if it is decided in your favour.{{/if}}{{#if isDisputeLost}}The dispute about the {{amount}} paid for order {{orderId}} was decided for the cardholder. The credits taken back when it opened stay taken back.{{/if}}

Credits taken back: {{reversed}}
Order: {{orderId}}
{{#if creditNote}}Credit note: {{creditNote}}
{{/if}}Date: {{occurredAt}}

If your balance goes below zero, the difference is taken from your next purchase.
See your credits: {{actionUrl}}`,
    },
    credits_reinstated: {
      subject: 'Card dispute won: {{reinstated}} credits are back',
      html: `<h1>The card dispute was decided in your favour</h1>
<p>The {{amount}} paid for order {{orderId}} stays with you, so the credits taken back when the dispute opened are back on your balance.</p>
<table cellpadding="4">
<tr><td>Credits back</td><td><strong>{{reinstated}}</strong></td></tr>
<tr><td>Order</td><td>{{orderId}}</td></tr>
<tr><td>Date</td><td>{{occurredAt}}</td></tr>
</table>
${button('See your credits')}`,
      text: `The card dispute was decided in your favour

The {{amount}} paid for order {{orderId}} stays with you, so the credits taken back when the dispute opened are back on your balance.

Credits back: {{reinstated}}
Order: {{orderId}}
Date: {{occurredAt}}

See your credits: {{actionUrl}}`,
    },
    invitation: {
      subject: '{{invitedBy}} invited you to the SMS account {{accountId}}',
      html: `<h1>You are invited</h1>
<p>{{invitedBy}} invited you to join the SMS credits account <strong>{{accountId}}</strong> as <strong>{{role}}</strong>.</p>
<p>The link works once and expires on {{expiresAt}}.</p>
${button('Accept the invitation')}
<p style="font-size:12px;color:#6b7280">Or copy this address into your browser: {{actionUrl}}</p>`,
      text: `You are invited

{{invitedBy}} invited you to join the SMS credits account {{accountId}} as {{role}}.
The link works once and expires on {{expiresAt}}.

Accept the invitation: {{actionUrl}}`,
    },
    password_reset: {
      subject: 'Reset your SMS Credits password',
      html: `<h1>Reset your password</h1>
<p>Hello {{name}}, someone (hopefully you) asked to reset the password for this address.</p>
<p>The link works once and expires on {{expiresAt}}.</p>
${button('Choose a new password')}
<p style="font-size:12px;color:#6b7280">Or copy this address into your browser: {{actionUrl}}</p>`,
      text: `Reset your password

Hello {{name}}, someone (hopefully you) asked to reset the password for this address.
The link works once and expires on {{expiresAt}}.

Choose a new password: {{actionUrl}}`,
    },
  },
};
