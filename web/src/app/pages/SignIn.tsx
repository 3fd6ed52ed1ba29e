import { useState, type JSX } from 'react';
import { api, ApiError } from '../api.js';
import { RecordForm, useForm } from '../components/Form.js';
import { TextField } from '../components/fields.js';
import type { SessionView } from '../types.js';

/** Sign-in: e-mail and password, and the authenticator code when the account asks for one. */
export function SignIn({ onSignedIn }: { onSignedIn: (session: SessionView) => void }): JSX.Element {
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
      <RecordForm
        form={form}
        className={null}
        level={1}
        title="Sign in"
        intro={<p>Outcome tracking for ketamine treatment of anxiety. Sign in with your clinic account.</p>}
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
