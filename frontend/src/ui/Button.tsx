import type { ButtonHTMLAttributes, ReactNode } from 'react';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: 'primary' | 'secondary' | 'danger' | 'ghost';
  size?: 'normal' | 'large';
  /** Shows a spinner, disables the button and tells assistive technology it is working. */
  busy?: boolean;
  children: ReactNode;
}

/** The design system's button: one look per intent, a busy state for calls that take a moment. */
export function Button({ variant = 'primary', size = 'normal', busy = false, disabled, className, children, ...rest }: ButtonProps) {
  const classes = ['button', variant !== 'primary' && `button--${variant}`, size === 'large' && 'button--large', className].filter(Boolean).join(' ');
  return (
    <button type="button" {...rest} className={classes} disabled={disabled || busy} aria-busy={busy || undefined}>
      {busy && <span className="spinner" aria-hidden="true" />}
      {children}
    </button>
  );
}
