// Tells the screens that data changed: after any successful operation that writes (receive,
// forward, a transition, an acknowledgement...), so the navigation's counts and the inbox
// refresh without each screen having to remember to ask.
type Listener = (name: string) => void;
const listeners = new Set<Listener>();

/** Operations that only read (by their verb): everything else may change what waits on whom. */
const READ_VERBS =
  /^(list|lists|get|getSettings|export\w*|template\w*|status|render|attachments?|inbox|history|file|due|preview|print|people|notices|assignees)$/;

export function isWriteOp(name: string): boolean {
  const verb = name.split('.')[1] ?? '';
  return !READ_VERBS.test(verb);
}

export function onDataChanged(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function reportCall(name: string, ok: boolean): void {
  if (!ok || !isWriteOp(name)) return;
  for (const l of listeners) l(name);
}
