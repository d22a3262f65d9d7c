import { NotFound } from "../components/NotFound";
import { PublicLayout } from "../components/PublicLayout";

/** Page for URLs that match no route, signed in or not. */
export function NotFoundPage() {
  return (
    <PublicLayout>
      <NotFound />
    </PublicLayout>
  );
}
