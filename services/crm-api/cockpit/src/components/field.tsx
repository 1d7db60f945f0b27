/** A labelled text input of a stacked form (its label above it), controlled by the caller. */
export interface FieldProps {
  readonly label: string;
  readonly name: string;
  readonly value: string;
  readonly onValue: (value: string) => void;
  readonly type?: 'text' | 'password' | 'url' | 'number';
  readonly required?: boolean;
  readonly pattern?: string;
  readonly autoComplete?: string;
  readonly placeholder?: string;
  /** The id of the hint that explains the field. */
  readonly describedBy?: string;
}

/** One labelled input: the settings forms' rows (credentials, searches, keywords) are all this. */
export function Field({
  label,
  name,
  value,
  onValue,
  type = 'text',
  required,
  pattern,
  autoComplete,
  placeholder,
  describedBy,
}: FieldProps) {
  return (
    <label>
      {label}
      <input
        name={name}
        type={type}
        required={required}
        pattern={pattern}
        autoComplete={autoComplete ?? 'off'}
        placeholder={placeholder}
        aria-describedby={describedBy}
        value={value}
        onInput={(event) => onValue(event.currentTarget.value)}
      />
    </label>
  );
}
