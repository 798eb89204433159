import type { ButtonHTMLAttributes } from 'react';

export function Button({
  variant = 'primary',
  busy = false,
  className,
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: 'primary' | 'secondary' | 'danger';
  busy?: boolean;
}) {
  return (
    <button
      type="button"
      {...rest}
      aria-busy={busy || undefined}
      disabled={rest.disabled === true || busy}
      className={`button button-${variant}${className === undefined ? '' : ` ${className}`}`}
    />
  );
}
