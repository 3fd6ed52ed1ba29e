import { useEffect, useRef, useState, type JSX } from 'react';
import { api } from '../../api.js';
import { RecordForm, useForm } from '../../components/Form.js';
import { Empty, ErrorPanel, Loading } from '../../components/Status.js';
import { TextField } from '../../components/fields.js';
import { dateTime } from '../../format.js';
import { useResource } from '../../use-resource.js';
import { ConfirmButton } from './Confirm.js';

interface Token {
  id: string;
  userId: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** API tokens for integrations: listed, made (the secret shown once), revoked after a confirmation. */
export function ApiTokensSection(): JSX.Element {
  const { data, error, loading, reload } = useResource<{ items: Token[] }>('/api/v1/api-tokens');
  const [made, setMade] = useState<{ token: string; info: Token } | null>(null);
  return (
    <>
      <section aria-labelledby="tokens-title">
        <h2 id="tokens-title">API tokens</h2>
        <p className="muted">
          A token acts as the administrator who made it, over the API and FHIR (docs: security). Give each integration
          its own, and revoke it when the integration stops.
        </p>
        {error === null ? null : <ErrorPanel problem={error} retry={reload} />}
        {loading && data === null ? <Loading what="the tokens" /> : null}
        {data === null ? null : data.items.length === 0 ? (
          <Empty>No API tokens yet. Make one below for an integration.</Empty>
        ) : (
          <div className="table-scroll">
            <table className="table">
              <caption className="visually-hidden">The clinic’s API tokens</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Made</th>
                  <th scope="col">Last used</th>
                  <th scope="col">State</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((token) => (
                  <tr key={token.id}>
                    <td>{token.name}</td>
                    <td>{dateTime(token.createdAt)}</td>
                    <td>{token.lastUsedAt === null ? 'Never' : dateTime(token.lastUsedAt)}</td>
                    <td>
                      {token.revokedAt === null ? (
                        <ConfirmButton
                          label="Revoke"
                          what={`the token ${token.name}`}
                          question={`Revoke “${token.name}”? It stops working at once, for good.`}
                          yes="Yes, revoke it"
                          busyText="Revoking…"
                          action={() => api.del(`/api/v1/api-tokens/${token.id}`)}
                          onDone={reload}
                        />
                      ) : (
                        `Revoked ${dateTime(token.revokedAt)}`
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {made === null ? (
        <NewTokenForm
          onMade={(value) => {
            setMade(value);
            reload();
          }}
        />
      ) : (
        <Secret made={made} onDone={() => setMade(null)} />
      )}
    </>
  );
}

function NewTokenForm({ onMade }: { onMade: (made: { token: string; info: Token }) => void }): JSX.Element {
  const [name, setName] = useState('');
  const form = useForm('new-token', { name: 'Name' });
  const submit = async (): Promise<void> => {
    const result = await form.run({ name: name.trim() === '' ? 'Enter a name for the token' : undefined }, () =>
      api.post<{ token: string; info: Token }>('/api/v1/api-tokens', { name: name.trim() }),
    );
    if (result.ok) {
      setName('');
      onMade(result.value);
    }
  };
  return (
    <RecordForm
      form={form}
      className="panel"
      level={2}
      title="Make a token"
      onSubmit={submit}
      submit="Make the token"
      busyText="Making…"
    >
      <TextField
        {...form.field('name')}
        label="Name"
        hint="What the token is for, e.g. EHR sync; it is how you will know it in this list."
        value={name}
        onChange={setName}
      />
    </RecordForm>
  );
}

/** The new token's secret, shown this once: Onset keeps only its hash. */
function Secret({ made, onDone }: { made: { token: string; info: Token }; onDone: () => void }): JSX.Element {
  const [copied, setCopied] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(made.token);
      setCopied(true);
    } catch {
      (document.getElementById('token-secret') as HTMLInputElement | null)?.select();
    }
  };
  return (
    <section className="panel" aria-labelledby="secret-title">
      <h2 id="secret-title" tabIndex={-1} ref={heading}>
        Token “{made.info.name}” made
      </h2>
      <p>
        <strong>The secret is shown once.</strong> Copy it now into the integration’s settings: Onset keeps only a hash
        of it and cannot show it again. If it is lost, revoke the token and make another.
      </p>
      <label className="field-label" htmlFor="token-secret">
        Secret
      </label>
      <div className="copy-row">
        <input
          id="token-secret"
          className="input input-long"
          readOnly
          value={made.token}
          onFocus={(event) => event.target.select()}
        />
        <button type="button" className="button button-secondary" onClick={() => void copy()}>
          Copy the secret
        </button>
      </div>
      <p role="status" className="hint">
        {copied ? 'Copied to the clipboard.' : ''}
      </p>
      <div className="actions">
        <button type="button" className="button" onClick={onDone}>
          Done: I have stored it
        </button>
      </div>
    </section>
  );
}
