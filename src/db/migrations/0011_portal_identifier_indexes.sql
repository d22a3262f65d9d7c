-- The portal identifier lookup moves from a table kept by triggers to expression indexes on
-- customers: the triggers made imports several times slower, and indexes cannot drift.
DROP TRIGGER customers_portal_identifiers_insert ON customers;--> statement-breakpoint
DROP TRIGGER customers_portal_identifiers_update ON customers;--> statement-breakpoint
DROP FUNCTION portal_identifiers_sync();--> statement-breakpoint
DROP TABLE "portal_identifiers" CASCADE;--> statement-breakpoint
CREATE INDEX "customers_portal_email_idx" ON "customers" USING btree (portal_identifier_hash('email', "email_normalized"));--> statement-breakpoint
CREATE INDEX "customers_portal_phone_idx" ON "customers" USING btree (portal_identifier_hash('phone', "phone"));--> statement-breakpoint
CREATE INDEX "customers_portal_mobile_idx" ON "customers" USING btree (portal_identifier_hash('phone', "mobile"));