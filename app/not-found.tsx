import { NothingHere } from "./_components/NothingHere";

export default function NotFound() {
  return <NothingHere />;
}
