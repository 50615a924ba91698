"use client";
// A modal dialog on the native <dialog> (showModal): the page behind is inert, Escape closes it,
// and the browser gives the focus back to what opened it. Tab past the last control comes back to
// the first (Shift+Tab the other way round), instead of leaving for the browser's own controls.
// When the focused control goes away (an entry restored, a label someone else removed), the focus
// stays in the dialog, on Close, instead of falling behind it onto the page.
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
    // Only a control that went away is rescued, once the focus has settled: a field left for
    // another control (its save changing the dialog, even removing the field) is on the page only
    // until the focus arrives where the person went, and a control that removes itself puts the
    // focus on its neighbour a frame later (focusSoon): the rescue comes after both.
    let focused: Element | null = null;
    const entered = (event: FocusEvent) => {
      focused = event.target as Element;
    };
    element.addEventListener("focusin", entered);
    let check = 0;
    // A dialog under another one is inert: focusing its Close does nothing, and the top one's does.
    const rescue = () => {
      if (element.open && document.activeElement === document.body && focused && !focused.isConnected) {
        close.current?.focus();
      }
    };
    const lost = new MutationObserver(() => {
      cancelAnimationFrame(check);
      check = requestAnimationFrame(rescue);
    });
    lost.observe(element, { childList: true, subtree: true });
    return () => {
      cancelAnimationFrame(check);
      lost.disconnect();
      element.removeEventListener("focusin", entered);
      element.removeEventListener("close", closed);
      if (element.open) element.close();
    };
  }, []);
  return (
    <dialog
      ref={dialog}
      aria-labelledby={headingId}
      className={className ? `modal ${className}` : "modal"}
      // Not a tab stop of its own (Chromium makes a scrolling box one).
      tabIndex={-1}
      onKeyDown={(event) => {
        if (event.key !== "Tab" || event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
        // A dialog opened from this one handles its own keys.
        if ((event.target as Element).closest("dialog") !== event.currentTarget) return;
        if (wrapTab(event.currentTarget, event.shiftKey)) event.preventDefault();
      }}
    >
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

const TABBABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * Moves the focus from the dialog's last control to its first (`back`: first to last), and says
 * whether it did: elsewhere Tab is the browser's. A control not shown, inert, or in a dialog opened
 * from this one does not count.
 */
function wrapTab(dialog: HTMLDialogElement, back: boolean): boolean {
  const controls = [...dialog.querySelectorAll<HTMLElement>(TABBABLE)].filter(
    (control) =>
      control.tabIndex >= 0 &&
      control.getClientRects().length > 0 &&
      !control.closest("[inert]") &&
      control.closest("dialog") === dialog,
  );
  if (controls.length === 0) return false;
  const [first, last] = [controls[0], controls[controls.length - 1]];
  const active = document.activeElement;
  if (!back && (active === last || active === dialog)) {
    first.focus();
    return true;
  }
  if (back && (active === first || active === dialog)) {
    last.focus();
    return true;
  }
  return false;
}
