import { form, page, paragraph } from '../pages/html';
import { MIN_PASSWORD_LENGTH } from '../users/password';

export function requestResetPage(error?: string): string {
  return page({
    title: 'Reset your password',
    body: `${paragraph('Enter the email address you sign in with. We will email you a link to choose a new password.')}
${form({
  action: '/password-reset',
  fields: [{ name: 'email', label: 'Email', type: 'email', autocomplete: 'username' }],
  submit: 'Email me a link',
  error,
})}`,
  });
}

export function resetRequestedPage(): string {
  return page({
    title: 'Check your email',
    body: paragraph(
      'If that address has a sign-in, an email with a link is on its way. The link works once.',
    ),
  });
}

export function chooseNewPasswordPage(secret: string, error?: string): string {
  return page({
    title: 'Choose a new password',
    body: form({
      action: `/password-reset/${encodeURIComponent(secret)}`,
      fields: [
        {
          name: 'password',
          label: 'New password',
          type: 'password',
          autocomplete: 'new-password',
          hint: `At least ${MIN_PASSWORD_LENGTH} characters.`,
        },
      ],
      submit: 'Set the new password',
      error,
    }),
  });
}

export function passwordChangedPage(): string {
  return page({
    title: 'Password changed',
    body: paragraph('Your password was changed. You can sign in with it now.'),
  });
}
