import type { InvitationCreatedEvent, PasswordResetRequestedEvent } from '@sms/contracts';
import { formatInstant } from '../notices/formatting';
import type { LanguagePack } from '../templates/language-pack';
import type { TemplateModel } from '../templates/template-engine';

// The recipient of an identity notice has no settings yet (they may not even have a sign-in), so
// times are shown in UTC, which the text says.
const RECIPIENT_TIME_ZONE = 'UTC';

export function invitationModel(event: InvitationCreatedEvent, pack: LanguagePack): TemplateModel {
  return {
    invitedBy: event.invitedBy,
    accountId: event.accountId,
    role: event.role,
    expiresAt: formatInstant({ at: event.expiresAt, timeZone: RECIPIENT_TIME_ZONE, locale: pack.locale }),
    actionUrl: event.acceptUrl,
  };
}

export function passwordResetModel(event: PasswordResetRequestedEvent, pack: LanguagePack): TemplateModel {
  return {
    name: event.name,
    expiresAt: formatInstant({ at: event.expiresAt, timeZone: RECIPIENT_TIME_ZONE, locale: pack.locale }),
    actionUrl: event.resetUrl,
  };
}
