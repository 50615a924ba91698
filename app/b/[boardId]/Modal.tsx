"use client";
// A modal dialog on the native <dialog> (showModal): the page behind is inert, Escape closes it,
// and the browser gives the focus back to what opened it. When the focused control goes away (an
// entry restored, a label someone else removed), the focus stays in the dialog, on Close, instead
// of falling behind it onto the page.
import { type ReactNode, useEffect, useId, useRef } from "react";

export function Modal({
  title,
  onClose,
  children,
  className,
}: {
  /** The dialog's name: its heading. */
  title: ReactNode;
  onClose(): void;
  children: ReactNode;
  className?: string;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const close = useRef<HTMLButtonElement>(null);
  const headingId = useId();
  const closing = useRef(onClose);
  closing.current = onClose;
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (!element.open) element.showModal();
    const closed = () => closing.current();
    element.addEventListener("close", closed);
    // A dialog under another one is inert: focusing its Close does nothing, and the top one's does.
    const lost = new MutationObserver(() => {
      if (element.open && document.activeElement === document.body) close.current?.focus();
    });
    lost.observe(element, { childList: true, subtree: true });
    return () => {
      lost.disconnect();
      element.removeEventListener("close", closed);
      if (element.open) element.close();
    };
  }, []);
  return (
    <dialog ref={dialog} aria-labelledby={headingId} className={className ? `modal ${className}` : "modal"}>
      <header className="modal-header">
        <h2 id={headingId}>{title}</h2>
        <button type="button" className="secondary" ref={close} onClick={() => dialog.current?.close()}>
          Close
        </button>
      </header>
      {children}
    </dialog>
  );
}
