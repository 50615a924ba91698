"use client";
import { Modal } from "./Modal";
import { SHORTCUTS } from "./shortcuts";

export function ShortcutsDialog({ onClose }: { onClose(): void }) {
  return (
    <Modal title="Keyboard shortcuts" onClose={onClose}>
      <p>
        Keys work when the focus is on the board (not in a text field). Focus an item first — Tab to its controls — for
        the keys that act on an item.
      </p>
      <dl className="shortcut-list">
        {SHORTCUTS.map((shortcut) => (
          <div key={shortcut.keys} style={{ display: "contents" }}>
            <dt>
              <kbd>{shortcut.keys}</kbd>
            </dt>
            <dd>
              {shortcut.does} <span className="muted">(or {shortcut.control})</span>
            </dd>
          </div>
        ))}
      </dl>
    </Modal>
  );
}
