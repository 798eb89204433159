import { escapeHtml, errorBox, form, link, page, paragraph } from '../pages/html';
import type { AccountOption } from './account-choice';
import { formToken } from './form-token';

export function loginPage(options: { uid: string; key: string; email?: string; error?: string }): string {
  return page({
    title: 'Sign in',
    body: `${form({
      action: `/interaction/${encodeURIComponent(options.uid)}/login`,
      hidden: { csrf: formToken(options.key, options.uid) },
      fields: [
        { name: 'email', label: 'Email', type: 'email', autocomplete: 'username', value: options.email },
        { name: 'password', label: 'Password', type: 'password', autocomplete: 'current-password' },
      ],
      submit: 'Sign in',
      error: options.error,
    })}
<p>${link('/password-reset', 'Forgot your password?')}</p>
<p>${link(`/interaction/${encodeURIComponent(options.uid)}/abort`, 'Cancel')}</p>`,
  });
}

export function chooseAccountPage(options: {
  uid: string;
  key: string;
  options: readonly AccountOption[];
  error?: string;
}): string {
  const radios = options.options
    .map((option, index) => {
      const id = `account-${index}`;
      const label = option.operator
        ? 'All accounts (platform operator)'
        : `${option.accountId} (${option.role})`;
      return `<div><input type="radio" id="${id}" name="accountId" value="${escapeHtml(option.accountId)}"${
        index === 0 ? ' checked' : ''
      }> <label for="${id}" style="display:inline;font-weight:normal">${escapeHtml(label)}</label></div>`;
    })
    .join('\n');
  return page({
    title: 'Choose an account',
    body: `${errorBox(options.error)}
${paragraph('You belong to several credit accounts. Choose the one to work on; sign in again to switch.')}
<form method="post" action="/interaction/${encodeURIComponent(options.uid)}/account">
<input type="hidden" name="csrf" value="${escapeHtml(formToken(options.key, options.uid))}">
<fieldset><legend>Account</legend>
${radios}
</fieldset>
<button type="submit">Continue</button>
</form>`,
  });
}

export function noAccessPage(): string {
  return page({
    title: 'No account yet',
    body: paragraph(
      'You are signed in, but you are not a member of any credit account. Ask an owner or admin of your team to invite you.',
    ),
  });
}
