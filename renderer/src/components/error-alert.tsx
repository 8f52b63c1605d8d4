// A failure shown in place, in the words errorText gave it; nothing when there is none.
import { Alert } from '@mantine/core';

export function ErrorAlert({ error }: { readonly error: string | null | undefined }) {
  return error ? (
    <Alert color="red" role="alert">
      {error}
    </Alert>
  ) : null;
}
