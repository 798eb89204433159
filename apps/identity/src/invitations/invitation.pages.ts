import { form, page, paragraph } from '../pages/html';
import { MIN_PASSWORD_LENGTH } from '../users/password';

export function acceptInvitationPage(options: {
  secret: string;
  accountId: string;
  role: string;
  invitedBy: string;
  email: string;
  existingUser: boolean;
  error?: string;
}): string {
  const intro = paragraph(
    `${options.invitedBy} invited ${options.email} to the SMS credits account ${options.accountId} as ${options.role}.`,
  );
  const action = `/invitations/${encodeURIComponent(options.secret)}`;
  const body = options.existingUser
    ? form({
        action,
        fields: [
          { name: 'password', label: 'Your password', type: 'password', autocomplete: 'current-password' },
        ],
        submit: 'Accept the invitation',
        error: options.error,
      })
    : form({
        action,
        fields: [
          { name: 'name', label: 'Your name', type: 'text', autocomplete: 'name' },
          {
            name: 'password',
            label: 'Choose a password',
            type: 'password',
            autocomplete: 'new-password',
            hint: `At least ${MIN_PASSWORD_LENGTH} characters.`,
          },
        ],
        submit: 'Accept and create my sign-in',
        error: options.error,
      });
  return page({ title: 'Join the team', body: `${intro}\n${body}` });
}

export function invitationDonePage(accountId: string): string {
  return page({
    title: 'Welcome aboard',
    body: paragraph(`You are now a member of ${accountId}. Sign in from the console to start.`),
  });
}

export function linkGonePage(message: string): string {
  return page({ title: 'Link no longer valid', body: paragraph(message) });
}
