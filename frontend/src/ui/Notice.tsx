import type { ReactNode } from 'react';

/**
 * A message on the page. Errors are announced at once (role=alert), other notices politely (role=status).
 */
export function Notice({ tone = 'info', title, children, action }: { tone?: 'info' | 'error' | 'success' | 'warning'; title?: ReactNode; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className={tone === 'info' ? 'notice' : `notice notice--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <div className="notice__body">
        {title && <p>
          <strong>{title}</strong>
        </p>}
        {children}
      </div>
      {action}
    </div>
  );
}
