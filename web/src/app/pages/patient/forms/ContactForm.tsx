import { useState, type JSX } from 'react';
import { api } from '../../../api.js';
import { RecordForm, useForm, type FormState } from '../../../components/Form.js';
import { TextField } from '../../../components/fields.js';
import type { Patient } from '../../../types.js';

/** The contact fields' labels, also the error summary's names for the API's field problems. */
export const CONTACT_LABELS = { email: 'E-mail address', phone: 'Phone' } as const;

/**
 * The e-mail and phone boxes of the new-patient and contact forms; the API checks them
 * (src/patients/patient.schema.ts).
 */
export function ContactFields({
  form,
  email,
  phone,
  onEmail,
  onPhone,
}: {
  form: FormState;
  email: string;
  phone: string;
  onEmail: (value: string) => void;
  onPhone: (value: string) => void;
}): JSX.Element {
  return (
    <>
      <TextField
        {...form.field('email')}
        label={CONTACT_LABELS.email}
        optional
        type="email"
        autoComplete="off"
        hint="Scheduled questionnaire links are e-mailed here"
        width="medium"
        value={email}
        onChange={onEmail}
      />
      <TextField
        {...form.field('phone')}
        label={CONTACT_LABELS.phone}
        optional
        width="medium"
        value={phone}
        onChange={onPhone}
      />
    </>
  );
}

/** An emptied box clears the stored value. */
export const blankIsNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

/** Changes a patient's e-mail address and phone (PATCH /api/v1/patients/:id). */
export function ContactForm({
  patient,
  onSaved,
  onCancel,
}: {
  patient: Patient;
  onSaved: (patient: Patient) => void;
  onCancel: () => void;
}): JSX.Element {
  const [email, setEmail] = useState(patient.email ?? '');
  const [phone, setPhone] = useState(patient.phone ?? '');
  const form = useForm('contact', CONTACT_LABELS);
  const submit = async (): Promise<void> => {
    const result = await form.run({}, () =>
      api.patch<Patient>(`/api/v1/patients/${patient.id}`, { email: blankIsNull(email), phone: blankIsNull(phone) }),
    );
    if (result.ok) onSaved(result.value);
  };
  return (
    <RecordForm
      form={form}
      title="Contact details"
      intro={<p className="hint">Leave a box empty to remove what is stored.</p>}
      onSubmit={submit}
      submit="Save contact details"
      onCancel={onCancel}
    >
      <div className="form-grid">
        <ContactFields form={form} email={email} phone={phone} onEmail={setEmail} onPhone={setPhone} />
      </div>
    </RecordForm>
  );
}
