import { escapeHtml, form, page } from './html';

describe('identity pages', () => {
  it('escapes every value put into the markup', () => {
    expect(escapeHtml(`<script>alert("x")</script>&'`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;',
    );
    const html = form({
      action: '/x',
      fields: [{ name: 'email', label: 'Email', type: 'email', autocomplete: 'username', value: '"><b>' }],
      submit: 'Go',
      error: '<i>bad</i>',
    });
    expect(html).not.toContain('<b>');
    expect(html).not.toContain('<i>');
  });

  it('labels every input and announces errors to screen readers', () => {
    const html = page({
      title: 'Sign in',
      body: form({
        action: '/x',
        fields: [{ name: 'password', label: 'Password', type: 'password', autocomplete: 'current-password' }],
        submit: 'Sign in',
        error: 'Wrong email or password.',
      }),
    });
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<label for="password">Password</label>');
    expect(html).toContain('role="alert"');
    expect(html).toContain('aria-describedby="form-error"');
  });
});
