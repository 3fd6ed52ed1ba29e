import { useState, type JSX } from 'react';
import { api, ApiError } from '../api.js';
import { RecordForm, useForm } from '../components/Form.js';
import { TextField } from '../components/fields.js';
import type { SessionView } from '../types.js';
import { useResource } from '../use-resource.js';

/** What a demo server's sign-in page says (GET /api/v1/session/demo). */
interface DemoSignIn {
  accounts: { email: string; role: string }[];
  password: string | null;
}

/** On a demo server: synthetic data, the three accounts and where their password is. */
function DemoAccounts(): JSX.Element | null {
  const { data } = useResource<DemoSignIn>('/api/v1/session/demo');
  if (data === null || data.accounts.length === 0) return null;
  return (
    <div className="callout demo-sign-in" role="note" aria-label="Demo server">
      <p>
        <strong>This is a demo server</strong> with synthetic patients: generated, not real people. Sign in as
      </p>
      <ul>
        {data.accounts.map((a) => (
          <li key={a.email}>
            <code>{a.email}</code> ({a.role})
          </li>
        ))}
      </ul>
      <p>One password for every demo account: {data.password}.</p>
    </div>
  );
}

/** Sign-in: e-mail and password, and the authenticator code when the account asks for one. */
export function SignIn({
  onSignedIn,
  notice,
}: {
  onSignedIn: (session: SessionView) => void;
  /** Why the user is here again, e.g. an idle session that ended. */
  notice?: string | undefined;
}): JSX.Element {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [needsCode, setNeedsCode] = useState(false);
  const form = useForm('signin');

  const submit = async (): Promise<void> => {
    const client: Record<string, string> = {};
    if (email.trim() === '') client.email = 'Enter your e-mail address';
    if (password === '') client.password = 'Enter your password';
    if (needsCode && !/^\d{6}$/.test(totp.trim())) client.totp = 'Enter the 6-digit code from your authenticator app';
    const result = await form.run(client, async () => {
      try {
        return await api.post<SessionView>('/api/v1/session', {
          email: email.trim(),
          password,
          ...(needsCode ? { totp: totp.trim() } : {}),
        });
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
      {notice === undefined ? null : (
        <p className="callout" role="status">
          {notice}
        </p>
      )}
      <RecordForm
        form={form}
        className={null}
        level={1}
        title="Sign in"
        intro={
          <>
            <p>Outcome tracking for ketamine treatment of anxiety. Sign in with your clinic account.</p>
            <DemoAccounts />
          </>
        }
        onSubmit={submit}
        submit="Sign in"
        busyText="Signing in…"
      >
        <TextField
          {...form.field('email')}
          label="Email address"
          type="email"
          autoComplete="username"
          value={email}
          onChange={setEmail}
        />
        <TextField
          {...form.field('password')}
          label="Password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
        />
        {needsCode ? (
          <TextField
            {...form.field('totp')}
            label="Code from your authenticator app"
            hint="6 digits"
            inputMode="numeric"
            autoComplete="one-time-code"
            width="short"
            value={totp}
            onChange={setTotp}
          />
        ) : null}
      </RecordForm>
    </main>
  );
}
