import { AvailableOffline } from "./_components/AvailableOffline";
import { CreateBoardForm } from "./CreateBoardForm";
import { ImportBoard } from "./ImportBoard";
import { RecentBoards } from "./RecentBoards";

export default function LandingPage() {
  return (
    <main className="landing">
      <h1>Driftless</h1>
      <p className="muted">Plan together on boards of columns and items — live, and offline too.</p>
      <AvailableOffline />
      <CreateBoardForm />
      <ImportBoard />
      <RecentBoards />
    </main>
  );
}
