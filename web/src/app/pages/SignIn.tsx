import { useState, type SyntheticEvent, type JSX } from 'react';
import { api, ApiError } from '../api.js';
import { ErrorSummary } from '../components/ErrorSummary.js';
import { TextField } from '../components/fields.js';
import type { SessionView } from '../types.js';
import { useSubmit } from '../use-submit.js';

/** Sign-in: e-mail and password, and the authenticator code when the account asks for one. */
export function SignIn({ onSignedIn }: { onSignedIn: (session: SessionView) => void }): JSX.Element {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [needsCode, setNeedsCode] = useState(false);
  const { errors, busy, run } = useSubmit('signin');

  const submit = async (event: SyntheticEvent): Promise<void> => {
    event.preventDefault();
    const client: Record<string, string> = {};
    if (email.trim() === '') client.email = 'Enter your e-mail address';
    if (password === '') client.password = 'Enter your password';
    if (needsCode && !/^\d{6}$/.test(totp.trim())) client.totp = 'Enter the 6-digit code from your authenticator app';
    const result = await run(client, async () => {
      try {
        return await api.post<SessionView>('/api/v1/session', { email: email.trim(), password, ...(needsCode ? { totp: totp.trim() } : {}) });
      } catch (error) {
        // An account with two-step sign-in answers "needs the code" (field totp): show the code box.
        if (error instanceof ApiError && error.problem.problems.some((p) => p.field === 'totp')) setNeedsCode(true);
        throw error;
      }
    });
    if (result.ok) onSignedIn(result.value);
  };

  return (
    <main id="main" className="main main-narrow" tabIndex={-1}>
      <p className="brand brand-large">Onset</p>
      <h1>Sign in</h1>
      <p>Outcome tracking for ketamine treatment of anxiety. Sign in with your clinic account.</p>
      <ErrorSummary items={errors.summary} />
      <form noValidate onSubmit={(event) => void submit(event)}>
        <TextField id="signin-email" label="Email address" type="email" autoComplete="username" value={email} onChange={setEmail} error={errors.byField.email} />
        <TextField id="signin-password" label="Password" type="password" autoComplete="current-password" value={password} onChange={setPassword} error={errors.byField.password} />
        {needsCode ? (
          <TextField
            id="signin-totp"
            label="Code from your authenticator app"
            hint="6 digits"
            inputMode="numeric"
            autoComplete="one-time-code"
            width="short"
            value={totp}
            onChange={setTotp}
            error={errors.byField.totp}
          />
        ) : null}
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
