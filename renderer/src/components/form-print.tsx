// Opens a dossier's form (receipt, control slip, notices) in the print preview.
import { useCallback, useState } from 'react';
import type { FORM_KIND_NAMES } from '../../../core/contract/desk';
import { api } from '../api/client';
import { notifyError } from './errors';
import { PrintPreview, type PrintDoc } from './print-preview';

export type FormKind = (typeof FORM_KIND_NAMES)[number];

export function useFormPrint() {
  const [doc, setDoc] = useState<PrintDoc | null>(null);
  const [shown, setShown] = useState<{ dossierId: string; kind: FormKind } | null>(null);
  const [loading, setLoading] = useState(false);
  const open = useCallback(async (dossierId: string, kind: FormKind) => {
    setLoading(true);
    setShown({ dossierId, kind });
    try {
      setDoc(await api.forms.render({ dossierId, kind }));
    } catch (err) {
      notifyError(err);
    } finally {
      setLoading(false);
    }
  }, []);
  const close = useCallback(() => {
    setDoc(null);
    setLoading(false);
  }, []);
  const savePdf = shown ? () => api.forms.savePdf(shown) : undefined;
  return {
    open,
    preview: (
      <PrintPreview doc={doc} loading={loading} onClose={close} {...(savePdf ? { savePdf } : {})} />
    ),
  };
}
