import { NothingHere } from "@/app/_components/NothingHere";
import { MadeHere } from "./MadeHere";

/**
 * A board the server does not know. It may be one made on this device offline whose creation has
 * not reached the server yet (its page was left before the network came back): then this device
 * opens it and sends the creation first. Otherwise, and without JavaScript, it is not found.
 */
export default function BoardNotFound() {
  return (
    <MadeHere>
      <NothingHere />
    </MadeHere>
  );
}
