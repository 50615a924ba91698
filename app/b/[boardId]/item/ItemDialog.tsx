"use client";
// The item dialog (`Open <title>`): everything an item holds, each part optimistic and queued like
// any change — description, due date, labels, assignees, checklist, comments.
import { selectItem, selectNotices } from "@/lib/client/selectors";
import { useAppSelector } from "@/lib/client/store";
import { focusSoon, REMOVED_BUTTON_ID } from "../focus";
import { Modal } from "../Modal";
import { NoticeText } from "../Notices";
import { AssigneePicker } from "./AssigneePicker";
import { Checklist } from "./Checklist";
import { Comments } from "./Comments";
import { DescriptionField } from "./DescriptionField";
import { DueField } from "./DueField";
import { LabelPicker } from "./LabelPicker";

/**
 * What was typed here and could not be saved (the item, or the entry edited, went away under the
 * person), to copy: inside the dialog, since the board's own notices are behind it, inert.
 */
function KeptHere({ itemId }: { itemId: string }) {
  const all = useAppSelector(selectNotices);
  const kept = all.filter((notice) => notice.itemId === itemId && notice.draft !== undefined);
  return (
    <div role="alert" aria-label="Not saved" className="notices">
      {kept.map((notice) => (
        <p key={notice.id} className="notice">
          <NoticeText notice={notice} />
        </p>
      ))}
    </div>
  );
}

export function ItemDialog({ itemId, onClose }: { itemId: string; onClose(): void }) {
  const item = useAppSelector((state) => selectItem(state, itemId));
  if (!item) {
    // Removed while open (by someone else, or undone): the dialog says so instead of vanishing. The
    // button that opened it went with the item, so closing puts the focus where the text points.
    const closeGone = () => {
      onClose();
      focusSoon(REMOVED_BUTTON_ID);
    };
    return (
      <Modal title="This item is no longer on the board" onClose={closeGone}>
        <p>Someone removed it while it was open. It is listed under Removed, from where it can be restored.</p>
        <KeptHere itemId={itemId} />
      </Modal>
    );
  }
  return (
    <Modal title={item.title} onClose={onClose} className="item-dialog">
      <KeptHere itemId={itemId} />
      <div className="item-dialog-body">
        <DescriptionField item={item} />
        <DueField item={item} />
        <LabelPicker item={item} />
        <AssigneePicker item={item} />
        <Checklist item={item} />
        <Comments item={item} />
      </div>
    </Modal>
  );
}
