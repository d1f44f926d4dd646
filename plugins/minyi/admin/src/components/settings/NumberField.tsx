import { Field, NumberInput } from '@strapi/design-system';

interface NumberFieldProps {
  name: string;
  label: string;
  hint?: string;
  value: number | undefined;
  error?: string;
  disabled?: boolean;
  onChange: (value: number | undefined) => void;
}

/** A labelled number input with its hint and the server's problem for the field. */
export const NumberField = ({
  name,
  label,
  hint,
  value,
  error,
  disabled,
  onChange,
}: NumberFieldProps) => (
  <Field.Root name={name} error={error} hint={hint}>
    <Field.Label>{label}</Field.Label>
    <NumberInput
      name={name}
      value={value}
      disabled={disabled}
      onValueChange={onChange}
      data-testid={`minyi-settings-${name}`}
    />
    <Field.Error />
    <Field.Hint />
  </Field.Root>
);
