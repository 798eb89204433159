import { Inject, Injectable } from '@nestjs/common';
import { NOTIFIER_CONFIG, type NotifierConfig } from '../config/notifier.config';
import type { NewDelivery } from '../delivery/delivery';
import type { NotificationSettings, Recipients } from '../settings/notification-settings';
import { LANGUAGE_PACKS } from '../templates/languages';
import type { NoticeKind } from '../templates/notice-kind';
import { renderEmail } from '../templates/render-email';
import type { TemplateModel } from '../templates/template-engine';
import { Links } from './links';
import type { NoticeContext } from './notice-models';

// Turns "this account should hear about X" into rendered delivery rows, one per recipient. Emails
// are rendered when queued, so the log shows exactly what was sent and a resend sends the same.
@Injectable()
export class NoticeComposer {
  private readonly links: Links;

  constructor(@Inject(NOTIFIER_CONFIG) config: NotifierConfig) {
    this.links = new Links(config.APP_BASE_URL, config.BILLING_BASE_URL);
  }

  context(settings: Pick<NotificationSettings, 'accountId' | 'language' | 'timeZone'>): NoticeContext {
    return {
      accountId: settings.accountId,
      pack: LANGUAGE_PACKS[settings.language],
      timeZone: settings.timeZone,
      links: this.links,
    };
  }

  // Transactional emails of an account addressed to the person the event names (an order's approver):
  // they go to that address whatever the account's recipient lists say, including for an account that
  // never saved settings (then its defaults give the language and time zone). A person's own sign-in
  // emails (invitations, password resets) have no account settings at all: identity-notices sends them.
  composeAddressed(options: {
    eventId: string;
    kind: NoticeKind;
    settings: NotificationSettings;
    to: readonly string[];
    model: TemplateModel;
  }): NewDelivery[] {
    return this.compose({ ...options, recipients: options.to });
  }

  // The usual plan of a batch: one notice per event, to one of the account's recipient groups.
  toGroup<T extends { eventId: string }>(
    kind: NoticeKind,
    group: keyof Recipients,
    model: (payload: T, context: NoticeContext) => TemplateModel,
  ): (known: readonly { payload: T; settings: NotificationSettings }[]) => NewDelivery[] {
    return (known) =>
      known.flatMap(({ payload, settings }) =>
        this.compose({
          eventId: payload.eventId,
          kind,
          settings,
          recipients: settings.recipients[group],
          model: model(payload, this.context(settings)),
        }),
      );
  }

  // Notices for the account's people: the recipients come from the settings' group for this kind.
  compose(options: {
    eventId: string;
    kind: NoticeKind;
    settings: NotificationSettings;
    recipients: readonly string[];
    model: TemplateModel;
  }): NewDelivery[] {
    if (options.recipients.length === 0) {
      return [];
    }
    const email = renderEmail({
      language: options.settings.language,
      kind: options.kind,
      model: options.model,
    });
    return [...new Set(options.recipients.map((r) => r.toLowerCase()))].map((recipient) => ({
      eventId: options.eventId,
      recipient,
      kind: options.kind,
      accountId: options.settings.accountId,
      ...email,
    }));
  }
}
