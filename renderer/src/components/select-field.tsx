// Mantine's Select with its form's message next to it (as components/fields). Apart from the
// other fields: the select brings the combobox and its floating layer (@floating-ui), which
// the login screen, built from components/fields, does not need to load.
import { Select, type SelectProps } from '@mantine/core';
import { withFormError } from './fields';
import { useFieldError } from './guarded-form';

export function SelectField(props: Readonly<SelectProps>) {
  return <Select {...withFormError(props, useFieldError(props.id))} />;
}
