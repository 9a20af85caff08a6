import { Link } from 'wouter';
import { EmptyState } from '../ui/States';

export function NotFoundPage() {
  return (
    <div className="page">
      <h1>Page not found</h1>
      <EmptyState title="There is nothing at this address.">
        <p>
          Go back to the <Link href="/">fleet overview</Link>.
        </p>
      </EmptyState>
    </div>
  );
}
