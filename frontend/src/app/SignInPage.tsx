import { useSession } from '../session/SessionProvider';
import { Button } from '../ui/Button';
import { Notice } from '../ui/Notice';
import './sign-in.css';

/** What a signed-out visitor sees: what ChargeX is, and the one way in. */
export function SignInPage() {
  const { status, error, signIn } = useSession();
  return (
    <div className="page sign-in">
      <h1>Battery leasing you can verify</h1>
      <p className="sign-in__lead">
        Lease and trade batteries, follow their health from live telemetry, and pay in ckBTC. Every reading and every
        payment is recorded on the Internet Computer.
      </p>
      <Button size="large" busy={status === 'signing-in'} onClick={() => void signIn()}>
        {status === 'signing-in' ? 'Waiting for Internet Identity…' : 'Sign in with Internet Identity'}
      </Button>
      {status === 'signing-in' && <p className="muted">Finish signing in in the Internet Identity window.</p>}
      {error && (
        <Notice tone="error" title="You are not signed in">
          <p data-testid="sign-in-error">{error}</p>
        </Notice>
      )}
    </div>
  );
}
