import { useParams } from "react-router";
import { PortalLayout } from "../components/PortalLayout";
import { QueryState } from "../components/QueryState";
import { useSession } from "../lib/session";
import { HomePage } from "./HomePage";
import { ChooseCustomerPage } from "./sign-in/ChooseCustomerPage";
import { SignInPage } from "./sign-in/SignInPage";

/**
 * Renders `/portal` and `/portal/<slug>`: the home page for a signed-in customer, the list of
 * customers after a code that matched several, else the sign-in form.
 */
export function PortalEntry() {
  const { slug } = useParams();
  const session = useSession();

  if (session.data === undefined) {
    return (
      <PortalLayout size="narrow">
        <QueryState error={session.error} onRetry={() => void session.refetch()} />
      </PortalLayout>
    );
  }
  if (session.data === null) {
    return <SignInPage slug={slug} />;
  }
  if (session.data.state === "choose") {
    return <ChooseCustomerPage choices={session.data.choices} />;
  }
  return <HomePage session={session.data} />;
}
