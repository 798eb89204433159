import type { AccountContacts } from './account-contacts.repository';
import { RECIPIENT_GROUPS, type NotificationSettings, type Recipients } from './notification-settings';

// What an account that never saved notification settings gets: every notice goes to its owners
// (as account.contacts-updated made them known), in English, with dates in the account's time zone,
// and no low-balance levels (those are a choice, registered with the ledger only when saved).
export function defaultSettings(
  accountId: string,
  contacts: AccountContacts | undefined,
): NotificationSettings {
  const owners = contacts?.ownerEmails ?? [];
  return {
    accountId,
    recipients: Object.fromEntries(RECIPIENT_GROUPS.map((group) => [group, [...owners]])) as Recipients,
    lowBalanceLevelsCredits: [],
    dailyReminder: true,
    language: 'en',
    timeZone: contacts?.timeZone ?? 'UTC',
    updatedAt: new Date(0),
  };
}
