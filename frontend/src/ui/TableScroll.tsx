import type { ReactNode } from 'react';

/**
 * A wide table's horizontal scroller: focusable and named, so keyboard users can scroll it too (a phone shows
 * only part of a wide table).
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
