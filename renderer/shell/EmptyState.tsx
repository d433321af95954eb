/** What a view shows when it has nothing yet: what it is for and what to do next. */
import type { ReactNode } from 'react';

export function EmptyState({ title, children, icon }: { title: string; children: ReactNode; icon?: string }) {
  return (
    <div className="empty-state">
      {icon && (
        <div className="empty-icon" aria-hidden="true">
          {icon}
        </div>
      )}
      <h2>{title}</h2>
      <div className="muted">{children}</div>
    </div>
  );
}
