import { useEffect, useState, type JSX } from 'react';
import { api } from '../../api.js';
import { RecordForm, useForm } from '../../components/Form.js';
import { Empty, ErrorPanel, Loading } from '../../components/Status.js';
import { SelectField, TextField, optionsOf } from '../../components/fields.js';
import { date } from '../../format.js';
import { useSession } from '../../session.js';
import { useResource } from '../../use-resource.js';
import { limitsOf } from '../../validate.js';
import { UserInput } from '../../../../../src/users/user.schema.js';
import type { Role } from '../../../../../src/shared/vocabulary.js';

interface User {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
}

export const ROLE_WORDS: Readonly<Record<Role, string>> = {
  admin: 'Administrator',
  clinician: 'Clinician',
  researcher: 'Researcher (group figures only)',
};
const PASSWORD = limitsOf(UserInput, 'password');
const LABELS = { email: 'Email address', displayName: 'Name', role: 'Role', password: 'Initial password' };

/** The clinic's staff: who they are, their role, and whether they may sign in; add, change, disable. */
export function UsersSection(): JSX.Element {
  const { data, error, loading, reload } = useResource<{ items: User[] }>('/api/v1/users');
  const [editing, setEditing] = useState<string | null>(null);
  const editingUser = data?.items.find((u) => u.id === editing) ?? null;
  return (
    <>
      <section aria-labelledby="users-title">
        <h2 id="users-title">Users</h2>
        {error === null ? null : <ErrorPanel problem={error} retry={reload} />}
        {loading && data === null ? <Loading what="the users" /> : null}
        {data === null ? null : data.items.length === 0 ? (
          <Empty>No users yet. Add the first below.</Empty>
        ) : (
          <div className="table-scroll">
            <table className="table">
              <caption className="visually-hidden">The clinic’s users</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email address</th>
                  <th scope="col">Role</th>
                  <th scope="col">Account</th>
                  <th scope="col">
                    <span className="visually-hidden">Change</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((user) => (
                  <tr key={user.id}>
                    <td>{user.displayName}</td>
                    <td>{user.email}</td>
                    <td>{ROLE_WORDS[user.role]}</td>
                    <td>{user.disabled ? 'Disabled' : `Active since ${date(user.createdAt)}`}</td>
                    <td>
                      <button
                        type="button"
                        className="button button-secondary button-small"
                        onClick={() => setEditing(user.id)}
                      >
                        Change<span className="visually-hidden"> {user.displayName}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {editingUser === null ? null : (
        <ChangeUserForm
          key={editingUser.id}
          user={editingUser}
          onDone={() => {
            setEditing(null);
            reload();
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      <NewUserForm onCreated={reload} />
    </>
  );
}

function ChangeUserForm({
  user,
  onDone,
  onCancel,
}: {
  user: User;
  onDone: () => void;
  onCancel: () => void;
}): JSX.Element {
  const self = useSession().user.id === user.id;
  const [role, setRole] = useState<Role>(user.role);
  const [disabled, setDisabled] = useState(user.disabled);
  const [confirming, setConfirming] = useState(false);
  const form = useForm('change-user', { role: 'Role', disabled: 'Account disabled', displayName: 'Name' });
  useEffect(() => setConfirming(false), [role, disabled]);
  const body = (): Record<string, unknown> => ({
    ...(role === user.role ? {} : { role }),
    ...(disabled === user.disabled ? {} : { disabled }),
  });
  const save = async (): Promise<void> => {
    const result = await form.run({}, () => api.patch<User>(`/api/v1/users/${user.id}`, body()));
    setConfirming(false);
    if (result.ok) onDone();
  };
  // Disabling signs the user out and stops their API tokens for good: it is confirmed first.
  const submit = async (): Promise<void> => {
    if (disabled && !user.disabled && !confirming) {
      setConfirming(true);
      return;
    }
    await save();
  };
  return (
    <RecordForm
      form={form}
      className="panel"
      level={2}
      title={`Change ${user.displayName}`}
      intro={<p className="muted">{user.email}</p>}
      onSubmit={submit}
      actions={
        confirming ? (
          <div className="actions" role="group" aria-label="Confirm disabling this account">
            <p>
              Disable {user.displayName}’s account? {self ? 'You are' : 'They are'} signed out at once, and every API
              token made by {self ? 'you' : 'them'} stops working for good.
            </p>
            <button type="submit" className="button" disabled={form.busy}>
              {form.busy ? 'Disabling…' : 'Yes, disable the account'}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
              No, keep it
            </button>
          </div>
        ) : (
          <div className="actions">
            <button type="submit" className="button" disabled={form.busy || Object.keys(body()).length === 0}>
              {form.busy ? 'Saving…' : 'Save the change'}
            </button>
            <button type="button" className="button button-secondary" onClick={onCancel}>
              Cancel
            </button>
          </div>
        )
      }
    >
      <SelectField
        {...form.field('role')}
        label="Role"
        value={role}
        onChange={(value) => setRole(value as Role)}
        options={optionsOf(ROLE_WORDS)}
      />
      <div className={`field${form.field('disabled').error === undefined ? '' : ' field-error'}`}>
        {form.field('disabled').error === undefined ? null : (
          <p className="error-message" id="change-user-disabled-error">
            <span className="visually-hidden">Error: </span>
            {form.field('disabled').error}
          </p>
        )}
        <div className="checkbox">
          <input
            id="change-user-disabled"
            type="checkbox"
            checked={disabled}
            aria-describedby={form.field('disabled').error === undefined ? undefined : 'change-user-disabled-error'}
            onChange={(event) => setDisabled(event.target.checked)}
          />
          <label htmlFor="change-user-disabled">Account disabled: may not sign in</label>
        </div>
      </div>
    </RecordForm>
  );
}

function NewUserForm({ onCreated }: { onCreated: () => void }): JSX.Element {
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('clinician');
  const [password, setPassword] = useState('');
  const [created, setCreated] = useState<User | null>(null);
  const form = useForm('new-user', LABELS);
  // A new edit hides the last "Added" status (the boxes are emptied after an add, which must not hide it).
  const edit =
    <T,>(setter: (value: T) => void) =>
    (value: T): void => {
      setter(value);
      setCreated(null);
    };
  const submit = async (): Promise<void> => {
    const min = PASSWORD.minLength ?? 0;
    const result = await form.run(
      { password: password.length < min ? `${LABELS.password}: must be at least ${min} characters` : undefined },
      () =>
        api.post<User>('/api/v1/users', {
          email: email.trim(),
          role,
          password,
          ...(displayName.trim() === '' ? {} : { displayName: displayName.trim() }),
        }),
    );
    if (result.ok) {
      setEmail('');
      setDisplayName('');
      setPassword('');
      onCreated();
      setCreated(result.value);
    }
  };
  return (
    <RecordForm
      form={form}
      className="panel"
      level={2}
      title="Add a user"
      onSubmit={submit}
      submit="Add the user"
      busyText="Adding…"
      footer={
        created === null ? null : (
          <p role="status" className="saved">
            Added {created.displayName} as {ROLE_WORDS[created.role].toLowerCase()}. Give them the initial password;
            they can change it once signed in.
          </p>
        )
      }
    >
      <TextField {...form.field('email')} label={LABELS.email} type="email" value={email} onChange={edit(setEmail)} />
      <TextField
        {...form.field('displayName')}
        label={LABELS.displayName}
        optional
        hint="As colleagues know them; without one, the e-mail address is shown."
        value={displayName}
        onChange={edit(setDisplayName)}
      />
      <SelectField
        {...form.field('role')}
        label={LABELS.role}
        hint="Administrators manage the clinic and its users; clinicians treat patients; researchers see figures for groups of patients only."
        value={role}
        onChange={edit((value: string) => setRole(value as Role))}
        options={optionsOf(ROLE_WORDS)}
      />
      <TextField
        {...form.field('password')}
        label={LABELS.password}
        type="password"
        autoComplete="new-password"
        hint={`At least ${PASSWORD.minLength ?? 12} characters: a passphrase of several words is best.`}
        value={password}
        onChange={edit(setPassword)}
      />
    </RecordForm>
  );
}
