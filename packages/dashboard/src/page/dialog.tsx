/**
 * A confirm dialog on the native <dialog> (modal, focus moved in, Escape closes, focus
 * back to the opener on close). A failed action keeps the dialog open and shows the
 * API's {Code, Message} in an alert.
 */
import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { ErrorAlert } from "./components.tsx";

export function ConfirmDialog(props: {
  title: string;
  children: ComponentChildren;
  onConfirm: () => Promise<void>;
  onClose: () => void;
  confirmDisabled?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const onCloseRef = useRef(props.onClose);
  onCloseRef.current = props.onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement as HTMLElement | null;
    dialog.showModal();
    const closed = () => onCloseRef.current();
    dialog.addEventListener("close", closed);
    return () => {
      dialog.removeEventListener("close", closed);
      if (dialog.open) dialog.close();
      opener?.focus?.();
    };
  }, []);

  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await props.onConfirm();
      ref.current?.close();
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  const titleId = `dialog-title-${props.title.replace(/\W+/g, "-").toLowerCase()}`;
  return (
    <dialog ref={ref} aria-labelledby={titleId} class="dialog">
      <h2 id={titleId}>{props.title}</h2>
      <div class="dialog-body">{props.children}</div>
      {error !== undefined ? <ErrorAlert error={error} what="The action failed" /> : null}
      <div class="dialog-actions">
        <button type="button" class="button" onClick={() => ref.current?.close()} disabled={busy}>
          Cancel
        </button>
        <button
          type="button"
          class="button primary"
          onClick={confirm}
          disabled={busy || props.confirmDisabled}
          aria-busy={busy}
        >
          {busy ? "Working…" : "Confirm"}
        </button>
      </div>
    </dialog>
  );
}
