// The file row of a province publish panel (json-publish.ts): what went wrong, the .json file
// chosen, and the button that publishes it once the file checks.
import { Button, FileInput, Group } from '@mantine/core';
import { ErrorAlert } from '../src/components/error-alert';
import type { JsonPublish } from './json-publish';

export function JsonFileRow(props: {
  readonly label: string;
  readonly button: string;
  readonly state: JsonPublish<unknown>;
}) {
  const { file, chosen, error, busy, choose, publish } = props.state;
  return (
    <>
      <ErrorAlert error={error} />
      <Group align="flex-end">
        <FileInput
          label={props.label}
          placeholder="Chọn tệp"
          accept=".json,application/json"
          value={file}
          onChange={(f) => void choose(f)}
          clearable
          w={360}
        />
        <Button onClick={() => void publish()} disabled={chosen === null} loading={busy}>
          {props.button}
        </Button>
      </Group>
    </>
  );
}
