// Forms check their fields in the app, in Vietnamese, next to each field: the browser's own
// English bubbles ("Please fill out this field.") never show. The form reads the fields'
// constraint state (required, minLength, type=email, and the custom validity our date and
// number inputs set for text they could not accept) and refuses to submit while any is bad.
import {
  createContext,
  useContext,
  useEffect,
  useId,
  useRef,
  useState,
  type ComponentPropsWithoutRef,
  type FormEvent,
} from 'react';

const FieldErrors = createContext<ReadonlyMap<string, string> | null>(null);

type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

function isControl(el: Element): el is Control {
  return (
    el instanceof HTMLInputElement ||
    el instanceof HTMLTextAreaElement ||
    el instanceof HTMLSelectElement
  );
}

function labelOf(el: Control): string {
  const text = el.labels?.[0]?.textContent ?? el.getAttribute('aria-label') ?? '';
  const label = text.replace(/\s*\*\s*$/, '').trim();
  return label ? label.charAt(0).toLowerCase() + label.slice(1) : 'thông tin này';
}

/** The Vietnamese message for a field the browser considers invalid. */
export function messageOf(el: Control): string {
  const v = el.validity;
  if (v.customError) return el.validationMessage;
  if (v.valueMissing) {
    const choose = el instanceof HTMLSelectElement || el.readOnly || el.type === 'checkbox';
    return `${choose ? 'Hãy chọn' : 'Hãy nhập'} ${labelOf(el)}.`;
  }
  if (v.tooShort && 'minLength' in el) return `Cần ít nhất ${el.minLength} ký tự.`;
  if (v.tooLong && 'maxLength' in el) return `Tối đa ${el.maxLength} ký tự.`;
  if (v.typeMismatch && el.type === 'email')
    return 'Địa chỉ email chưa đúng dạng (ví dụ: ten@gmail.com).';
  return 'Giá trị chưa đúng dạng.';
}

export type GuardedFormProps = Omit<ComponentPropsWithoutRef<'form'>, 'onSubmit' | 'noValidate'> & {
  /** Called only when every field is valid. */
  readonly onSubmit: (event: FormEvent<HTMLFormElement>) => void;
};

export function GuardedForm({ onSubmit, onInput, children, ...rest }: GuardedFormProps) {
  const [errors, setErrors] = useState<ReadonlyMap<string, string>>(new Map());
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = new Map<string, string>();
    let first: Control | null = null;
    for (const el of Array.from(event.currentTarget.elements)) {
      if (!isControl(el) || el.disabled || el.checkValidity()) continue;
      found.set(el.id, messageOf(el));
      first ??= el;
    }
    setErrors(found);
    if (first) {
      first.focus();
      return;
    }
    onSubmit(event);
  };
  return (
    <FieldErrors.Provider value={errors}>
      <form
        noValidate
        {...rest}
        onSubmit={submit}
        onInput={(event) => {
          // Typing into a field clears its message; the others stay until the next submit.
          const id = (event.target as HTMLElement).id;
          if (errors.has(id)) {
            const next = new Map(errors);
            next.delete(id);
            setErrors(next);
          }
          onInput?.(event);
        }}
      >
        {children}
      </form>
    </FieldErrors.Provider>
  );
}

/** A field's id (given or generated) and the message its form has for it, if any. */
export function useFieldError(id: string | undefined): { id: string; error: string | undefined } {
  const auto = useId();
  const own = id ?? auto;
  const errors = useContext(FieldErrors);
  return { id: own, error: errors?.get(own) };
}

/** Sets (or clears) the message a field reports to its form: the browser's custom validity. */
export function useCustomValidity(message: string | null) {
  const ref = useRef<HTMLInputElement | null>(null);
  useEffect(() => {
    ref.current?.setCustomValidity(message ?? '');
  }, [message]);
  return ref;
}
