import type { ReactNode } from 'react';

export interface Detail {
  label: string;
  value: ReactNode;
  action?: ReactNode;
}

/** Label–value rows (ticket, review): a description list, so screen readers pair them. */
export function DetailList({ items, className = '' }: { items: Detail[]; className?: string }) {
  return (
    <dl className={`details ${className}`}>
      {items.map((item) => (
        <div className="detail" key={item.label}>
          <dt>{item.label}</dt>
          <dd>
            <span className="detail-value">{item.value}</span>
            {item.action}
          </dd>
        </div>
      ))}
    </dl>
  );
}
