CREATE INDEX "portal_identifiers_customer_idx" ON "portal_identifiers" USING btree ("organization_id","customer_id");--> statement-breakpoint
DROP TRIGGER customers_portal_identifiers ON customers;--> statement-breakpoint
CREATE TRIGGER customers_portal_identifiers_insert
  AFTER INSERT ON customers
  FOR EACH ROW EXECUTE FUNCTION portal_identifiers_sync();--> statement-breakpoint
CREATE TRIGGER customers_portal_identifiers_update
  AFTER UPDATE OF email_normalized, phone, mobile ON customers
  FOR EACH ROW
  WHEN (OLD.email_normalized IS DISTINCT FROM NEW.email_normalized
     OR OLD.phone IS DISTINCT FROM NEW.phone
     OR OLD.mobile IS DISTINCT FROM NEW.mobile)
  EXECUTE FUNCTION portal_identifiers_sync();
