// Unsaved edits are not lost silently. A screen holding unsaved changes calls
// useLeaveGuard(true, why): moving to another screen (the navigation, an inbox link, any
// navigate() of the router) then asks first, in Vietnamese, in the app's own dialog; so do the
// in-screen moves that would drop the editor (leaveThen: picking another revision, attaching a
// file, a record's transition such as sending a draft for review). Closing or reloading the window asks too: Electron shows its Vietnamese dialog from
// will-prevent-unload (electron/main/window.ts), a browser its own.
import { Button, Group, Modal, Text } from '@mantine/core';
import { useEffect, useSyncExternalStore } from 'react';
import { navigate, useHashLocation } from 'wouter/use-hash-location';

/** Why each guarding screen holds the user back (one entry per mounted guard). */
const reasons = new Set<{ readonly message: string }>();
let pending: { readonly message: string; readonly go: () => void } | null = null;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

/** Runs `go` at once when nothing is unsaved; else after the user confirms leaving. */
export function leaveThen(go: () => void): void {
  const first = reasons.values().next();
  if (first.done) {
    go();
    return;
  }
  pending = { message: first.value.message, go };
  emit();
}

export function useLeaveGuard(dirty: boolean, message: string): void {
  useEffect(() => {
    if (!dirty) return;
    const reason = { message };
    reasons.add(reason);
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older engines need a returnValue to ask; its text is not shown by current ones.
      event.returnValue = message;
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      reasons.delete(reason);
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [dirty, message]);
}

/** The router's location hook (hash based) with navigation that respects the guards. */
export function useGuardedHashLocation(
  options?: Parameters<typeof useHashLocation>[0],
): [string, typeof navigate] {
  const [location] = useHashLocation(options);
  return [location, guardedNavigate];
}

const guardedNavigate: typeof navigate = (to, options) => leaveThen(() => navigate(to, options));

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** The confirmation dialog, mounted once in the shell. */
export function LeaveGuardDialog() {
  const asked = useSyncExternalStore(subscribe, () => pending);
  const close = (leave: boolean) => {
    const go = pending?.go;
    pending = null;
    emit();
    if (leave && go) go();
  };
  return (
    <Modal
      opened={asked !== null}
      onClose={() => close(false)}
      title="Bỏ các thay đổi chưa lưu?"
      centered
    >
      <Text size="sm">{asked?.message}</Text>
      <Text size="sm" mt="xs">
        Nếu tiếp tục (sang trang khác, chọn bản khác, đính kèm tệp, chuyển bước như gửi xem xét),
        các thay đổi chưa lưu sẽ mất.
      </Text>
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={() => close(false)} data-autofocus>
          Ở lại để lưu
        </Button>
        <Button color="red" onClick={() => close(true)}>
          Bỏ thay đổi
        </Button>
      </Group>
    </Modal>
  );
}
