// Mantine's inputs with their form's message next to them (GuardedForm): use these inside a
// GuardedForm so a missing or malformed entry is said in Vietnamese under its own field.
import {
  PasswordInput,
  Textarea,
  TextInput,
  type PasswordInputProps,
  type TextareaProps,
  type TextInputProps,
} from '@mantine/core';
import { useFieldError } from './guarded-form';

export function withFormError<P extends { id?: string | undefined; error?: React.ReactNode }>(
  props: P,
  field: { id: string; error: string | undefined },
): P {
  return { ...props, id: field.id, error: props.error ?? field.error };
}

export function TextField(props: Readonly<TextInputProps>) {
  return <TextInput {...withFormError(props, useFieldError(props.id))} />;
}

export function PasswordField(props: Readonly<PasswordInputProps>) {
  return <PasswordInput {...withFormError(props, useFieldError(props.id))} />;
}

export function TextareaField(props: Readonly<TextareaProps>) {
  return <Textarea {...withFormError(props, useFieldError(props.id))} />;
}
