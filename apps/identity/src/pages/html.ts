// Server-rendered pages for people: sign-in, choosing an account, invitations and password resets.
// Every value goes through escapeHtml; markup is built only from constants here.
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export interface Field {
  name: string;
  label: string;
  type: 'email' | 'password' | 'text';
  autocomplete: string;
  value?: string;
  hint?: string;
}

export function page(options: { title: string; body: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)} · SMS credits</title>
<style>
body{font-family:system-ui,Arial,sans-serif;color:#1f2937;background:#f9fafb;margin:0}
main{max-width:26rem;margin:3rem auto;padding:2rem;background:#fff;border:1px solid #e5e7eb;border-radius:8px}
label{display:block;margin-top:1rem;font-weight:600}
input[type=email],input[type=password],input[type=text]{width:100%;box-sizing:border-box;padding:.5rem;font-size:1rem;border:1px solid #6b7280;border-radius:4px}
.hint{font-size:.875rem;color:#4b5563;margin:.25rem 0 0}
button{margin-top:1.5rem;padding:.6rem 1.2rem;font-size:1rem;background:#1a56db;color:#fff;border:0;border-radius:4px;cursor:pointer}
button:focus,input:focus,a:focus{outline:3px solid #f59e0b;outline-offset:2px}
.error{color:#991b1b;background:#fef2f2;border:1px solid #fecaca;padding:.75rem;border-radius:4px}
fieldset{border:0;padding:0;margin:1rem 0 0}
legend{font-weight:600}
</style>
</head>
<body>
<main>
<h1>${escapeHtml(options.title)}</h1>
${options.body}
</main>
</body>
</html>`;
}

export function errorBox(message: string | undefined): string {
  return message === undefined
    ? ''
    : `<p class="error" role="alert" id="form-error">${escapeHtml(message)}</p>`;
}

export function form(options: {
  action: string;
  fields: readonly Field[];
  hidden?: Record<string, string>;
  submit: string;
  error?: string;
}): string {
  const hidden = Object.entries(options.hidden ?? {})
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  const described = options.error === undefined ? '' : ' aria-describedby="form-error"';
  const fields = options.fields
    .map((field) => {
      const hintId = field.hint === undefined ? undefined : `${field.name}-hint`;
      return `<label for="${field.name}">${escapeHtml(field.label)}</label>
<input id="${field.name}" name="${field.name}" type="${field.type}" autocomplete="${field.autocomplete}" required${
        field.value === undefined ? '' : ` value="${escapeHtml(field.value)}"`
      }${hintId === undefined ? described : ` aria-describedby="${hintId}"`}>${
        field.hint === undefined ? '' : `\n<p class="hint" id="${hintId}">${escapeHtml(field.hint)}</p>`
      }`;
    })
    .join('\n');
  return `${errorBox(options.error)}
<form method="post" action="${escapeHtml(options.action)}">
${hidden}
${fields}
<button type="submit">${escapeHtml(options.submit)}</button>
</form>`;
}

export function paragraph(text: string): string {
  return `<p>${escapeHtml(text)}</p>`;
}

export function link(href: string, text: string): string {
  return `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;
}
